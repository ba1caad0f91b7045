"""Find and replace rules shared by the editor's Replace dialog and anything else that replaces.

One rule matters to analysts: replacing without "match case" keeps the case of the text that was
there. Replacing "defense" with "defence" turns "Defense Spending" into "Defence Spending" and
"DEFENSE" into "DEFENCE"; a replacement typed with capitals of its own is used as typed.
"""

from __future__ import annotations


def match_case(replacement: str, found: str) -> str:
    """``replacement`` in the case of ``found`` when the replacement is all lower case:
    upper case for an upper-case match (of two letters or more), a capital first letter for a
    capitalised one; otherwise ``replacement`` exactly as typed."""
    if not replacement or replacement != replacement.lower():
        return replacement
    letters = [ch for ch in found if ch.isalpha()]
    if len(letters) > 1 and all(ch.isupper() for ch in letters):
        return replacement.upper()
    if letters and letters[0].isupper():
        for index, ch in enumerate(replacement):
            if ch.isalpha():
                return replacement[:index] + ch.upper() + replacement[index + 1 :]
    return replacement
