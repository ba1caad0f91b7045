"""The analyst's memory: a searchable library of everything read and written, editions and
what changed between them, and the predictions ledger with its scores.

Files (under ``paths.data_dir() / "memory"``; see :mod:`briefing.core.memory.files`):

- ``index.sqlite``: the search index (SQLite + FTS5), a cache rebuilt from the files below;
- ``places.json``: the briefings saved or exported and the folders the user pointed it at;
- ``sources/``: one JSON file per source imported in the editor (the reading archive);
- ``ledger.json``: recorded outcomes and the predictions merged from colleagues.

Nothing here is kept only in the database: delete ``index.sqlite`` and it is rebuilt.
"""
