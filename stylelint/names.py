"""File names and other outside text made safe to show: undecodable bytes and control characters.

Two separate concerns, both about text stylelint did not write (file names, decoder messages):

- `shown`: a POSIX file name is bytes. Python decodes the bytes that are not UTF-8 to lone
  surrogates (PEP 383, "surrogateescape"), which no UTF-8 writer accepts, so one such name (a
  `\\xff` on an old NAS share) would stop every report. Each such byte is shown as `\\xNN`, as
  Python's `backslashreplace` and Git's quoted names show undecodable bytes. Applied to every path
  and message a report holds; the file itself is still opened by its real name.
- `printable`: a name may hold terminal control sequences (ESC `[2J` clears the screen, an OSC
  sets the window title) or a line break that forges a second report line. Human-readable
  reports (text, Markdown) and messages on stderr show C0 and C1 controls, DEL, the Unicode line
  and paragraph separators and the bidirectional overrides ("Trojan Source", CVE-2021-42574) as
  escapes (`\\n`, `\\x1b`, `\\u202e`), as Git does with `core.quotePath`. Machine-readable reports
  keep the name as it is (their format escapes it: JSON, XML, CSV quoting).
"""

from __future__ import annotations

import re

# Lone surrogates: U+DC80–U+DCFF are bytes 0x80–0xFF that were not UTF-8 (PEP 383); any other
# surrogate cannot come from a file name but can come from elsewhere and is just as unwritable.
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _surrogate(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def _control(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) <= 0xFF else f"\\u{ord(char):04x}"


def shown(text: str) -> str:
    """`text` with each undecodable byte of a file name (a lone surrogate) shown as `\\xNN`."""
    return _SURROGATE.sub(_surrogate, text)


def printable(text: str) -> str:
    """`text` safe on a terminal: undecodable bytes and control characters shown as escapes."""
    return _CONTROL.sub(_control, shown(text))
