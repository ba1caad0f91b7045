#!/bin/sh
# The long fuzz run, outside the test suite: every test marked `fuzz` (random bytes and mojibake
# into the importer, random mutations of .briefing files into the loader, random package
# entries into the package reader) runs BRIEFING_FUZZ_EXAMPLES examples each (default 20000).
#
#   scripts/fuzz.sh                              # 20,000 examples per test
#   BRIEFING_FUZZ_EXAMPLES=2000 scripts/fuzz.sh  # about five minutes on a 2-core machine
#   scripts/fuzz.sh tests/core/importing         # only some tests; extra arguments go to pytest
#
# Prints Hypothesis's statistics (examples run, passing, failing per test) at the end; the exit
# status is pytest's (0: no failure found). Failing examples are printed for a regression test.
set -eu
cd "$(dirname "$0")/.."
export HYPOTHESIS_PROFILE=fuzz
export BRIEFING_FUZZ_EXAMPLES="${BRIEFING_FUZZ_EXAMPLES:-20000}"
if [ "$#" -eq 0 ]; then
    set -- tests
fi
exec python -m pytest -m fuzz --timeout=0 -p no:cacheprovider -q --hypothesis-show-statistics "$@"
