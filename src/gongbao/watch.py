"""What wakes the preview's watch loop (gongbao.serve) when a watched file may have changed.

The file system tells at once (inotify, through watchdog, which MkDocs already depends on): an edit is looked at
within a few milliseconds of the save, not up to a poll's interval later, and the 18,832 files of a 10,000-document
archive are not stat'ed every second (0.12 s CPU a poll). Where it cannot tell (a network drive, a system without
inotify, too many folders), or for what it may miss (a watched folder made after the start, until it is watched
too), the loop also looks every ``fallback`` seconds, and every poll when no watch could start.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

SETTLE = 0.05  # an editor's save is several events (truncate, write, rename): looked at once they stop
STOP_SEEN = 0.1  # a stop ends a wait this soon: the preview's server closes at once


class Changes(FileSystemEventHandler):
    """``due()``: whether the watch loop should look (an event since it last did, or the fallback's time)."""

    def __init__(self, root: Path, names: tuple[str, ...], fallback: float = 10.0):
        self.root, self.names, self.fallback = root, names, fallback
        self._event = threading.Event()
        self._latest = 0.0  # time of the latest event
        self._watched: set[str] = set()
        self._looked = float("-inf")
        self._observer: Observer | None = Observer()
        try:
            # the settings files, and a watched folder made after the start
            self._observer.schedule(self, str(root), recursive=False)
            self._watch_folders()
            self._observer.start()
        except OSError:
            self._observer = None  # every poll looks

    def on_any_event(self, event: FileSystemEvent) -> None:
        if any(path and _under(Path(str(path)), self.root, self.names) for path in (event.src_path, event.dest_path)):
            self._latest = time.monotonic()
            self._event.set()

    def wait(self, stop: threading.Event, interval: float) -> None:
        """Until an event and the rest of its save, ``stop``, or ``interval`` seconds. Two events cannot be waited
        on at once: with an observer, ``stop`` is looked at every ``STOP_SEEN`` seconds of the wait."""
        if self._observer is None:
            stop.wait(interval)
            return
        end = time.monotonic() + interval
        while not self._event.wait(min(STOP_SEEN, max(0.0, end - time.monotonic()))):
            if stop.is_set() or time.monotonic() >= end:
                return
        while (quiet := time.monotonic() - self._latest) < SETTLE:
            time.sleep(SETTLE - quiet)

    def look_again(self) -> None:
        """The last look failed: the next poll looks whatever the events say."""
        self._event.set()

    def due(self) -> bool:
        if self._observer is None:
            return True
        if not self._event.is_set() and time.monotonic() - self._looked < self.fallback:
            return False
        self._event.clear()
        self._looked = time.monotonic()
        try:
            self._watch_folders()  # before the look: a file saved in a new folder after it is an event
        except OSError:
            self.close()
            self._observer = None
        return True

    def close(self) -> None:
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)

    def _watch_folders(self) -> None:
        for name in self.names:
            if name not in self._watched and (self.root / name).is_dir():
                self._observer.schedule(self, str(self.root / name), recursive=True)
                self._watched.add(name)


def _under(path: Path, root: Path, names: tuple[str, ...]) -> bool:
    """Whether ``path`` is a watched file or lies in a watched folder (not site/, not the cache)."""
    try:
        return path.relative_to(root).parts[:1] in [(name,) for name in names]
    except ValueError:
        return False
