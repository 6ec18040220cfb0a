"""The quantity reader's version, apart from the reader so that reading it costs no import of the reader.

Raise it when what the reader finds changes; the index reads every document again under a new version.
"""

from typing import Final

READER_VERSION: Final = "1.7"
