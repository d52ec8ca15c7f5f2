"""A one-line progress display on a terminal: documents, figures, rate and ETA.

It redraws at most ten times a second and only when its stream is a
terminal, so redirected or captured stderr never fills with it.
"""

from __future__ import annotations

import time
from typing import IO


class Progress:
    """Counts documents, figures and characters read; shows them on ``stream`` if it is a terminal.

    ``total_bytes`` (the size of the input files, if known) gives a percentage and an ETA.
    """

    def __init__(self, stream: IO[str], total_bytes: int | None = None, enabled: bool | None = None) -> None:
        self._stream = stream
        self._total = total_bytes or None
        self._enabled = stream.isatty() if enabled is None else enabled
        self._start = time.monotonic()
        self._last = 0.0
        self.documents = self.figures = self.errors = self.chars = 0

    def update(self, documents: int = 0, figures: int = 0, chars: int = 0, errors: int = 0) -> None:
        """Add to the counts, and redraw if a tenth of a second has passed."""
        self.documents += documents
        self.figures += figures
        self.chars += chars
        self.errors += errors
        now = time.monotonic()
        if self._enabled and now - self._last >= 0.1:
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        """The progress line as text."""
        elapsed = max((now or time.monotonic()) - self._start, 1e-9)
        rate = self.chars / elapsed
        parts = [f"{self.documents:,} documents", f"{self.figures:,} figures", f"{rate / 1e6:.2f} MB/s"]
        if self.errors:
            parts.append(f"{self.errors:,} errors")
        if self._total:
            done = min(self.chars / self._total, 1.0)
            parts.append(f"{done:.0%}")
            if rate > 0 and done < 1:
                parts.append(f"ETA {_clock((self._total - self.chars) / rate)}")
        return " · ".join(parts)

    def _draw(self, now: float) -> None:
        self._stream.write("\r" + self.line(now).ljust(78))
        self._stream.flush()

    def close(self) -> None:
        """Draw the final counts and end the line."""
        if self._enabled:
            self._draw(time.monotonic())
            self._stream.write("\n")
            self._stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
