"""One function made in a forked child while this process makes another (gongbao.publish.forked.beside): the same
results as in turn, whatever the child sends or however it fails, and never a hang or a process left behind."""
from __future__ import annotations

import os
import signal
import threading

import pytest

from gongbao.publish import forked


@pytest.fixture
def two_cores(monkeypatch):
    """Forking allowed whatever the machine and the idle threads earlier tests left running."""
    monkeypatch.setattr(forked, "cores", lambda: 2)
    monkeypatch.setattr(forked, "forkable", lambda workers: workers >= 2)


def _pid_and(value):
    return lambda: (os.getpid(), value)


def test_the_child_makes_its_part_meanwhile_and_sends_it_whole(two_cores):
    """Made in another process, and sent whole however large (more than a pipe holds: read before waiting)."""
    large = ["公报" * 1000 for _ in range(500)]  # 3 MB pickled
    (child, there), (here, mine) = forked.beside(_pid_and(large), _pid_and("here"))
    assert there == large and mine == "here" and here == os.getpid() != child


def test_in_turn_where_no_fork_is_wanted_or_allowed(two_cores, monkeypatch):
    (child, _), (here, _) = forked.beside(_pid_and(1), _pid_and(2), fork=False)
    assert child == here == os.getpid()
    monkeypatch.setattr(forked, "forkable", lambda workers: False)  # other threads, one core
    (child, _), (here, _) = forked.beside(_pid_and(1), _pid_and(2))
    assert child == here == os.getpid()


def test_a_child_that_fails_leaves_its_part_to_this_process(two_cores, tmp_path):
    """An error in the child: made again here afterwards, which raises what it raises (as in turn)."""
    made_in = tmp_path / "made"

    def failing():
        with open(made_in, "a") as out:
            out.write(f"{os.getpid()}\n")
        raise ValueError("规则出错")
    with pytest.raises(ValueError, match="规则出错"):
        forked.beside(failing, lambda: "here")
    pids = made_in.read_text().split()
    assert len(pids) == 2 and pids[1] == str(os.getpid()) != pids[0]


def test_a_child_killed_leaves_its_part_to_this_process(two_cores):
    def killed_in_the_child():
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return "made here"
    parent = os.getpid()
    assert forked.beside(killed_in_the_child, lambda: "here") == ("made here", "here")


def test_an_error_here_ends_the_child_and_is_raised(two_cores, tmp_path):
    """The child is killed and reaped, not left running its part for nobody."""
    started = tmp_path / "child"

    def slow():
        started.write_text(str(os.getpid()))
        threading.Event().wait(60)

    def failing():
        while not started.exists():
            threading.Event().wait(0.01)
        raise KeyError("here")
    with pytest.raises(KeyError):
        forked.beside(slow, failing)
    with pytest.raises(ChildProcessError):  # reaped: no child of this process is left
        os.waitpid(int(started.read_text()), os.WNOHANG)


def test_what_the_child_changes_dies_with_it(two_cores):
    """It must only read what this process reads later: a change it makes is not seen here."""
    shared = {"n": 0}

    def change():
        shared["n"] += 1
        return shared["n"]
    assert forked.beside(change, lambda: shared["n"]) == (1, 0) and shared == {"n": 0}


def test_an_interrupt_while_receiving_ends_and_reaps_the_child(two_cores, monkeypatch, tmp_path):
    """Ctrl-C while this process reads what the child sends: the child is killed and reaped, not left a zombie."""
    started = tmp_path / "child"

    def slow():
        started.write_text(str(os.getpid()))
        threading.Event().wait(60)

    class Interrupted:  # the pipe's reading end, read when Ctrl-C comes
        def __init__(self, opened):
            self.opened = opened

        def read(self):
            raise KeyboardInterrupt

        def close(self):
            self.opened.close()
    opened = os.fdopen
    monkeypatch.setattr(forked.os, "fdopen",
                        lambda fd, mode: opened(fd, mode) if "w" in mode else Interrupted(opened(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        forked.beside(slow, lambda: started.exists() or threading.Event().wait(0.5))
    with pytest.raises(ChildProcessError):
        os.waitpid(int(started.read_text()), os.WNOHANG)
