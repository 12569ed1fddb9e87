"""Only owners in our own pid space can be declared dead by a pid check."""

from __future__ import annotations

import socket
import subprocess
import sys

from flowgate.jobs.ownership import dead_local_owners, pid_space, process_owner


def _exited_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_dead_process_in_our_pid_space_is_dead_and_a_live_one_is_not() -> None:
    me = process_owner()
    gone = f"{pid_space()}:{_exited_pid()}:123:abcd1234/generate"
    assert dead_local_owners({me, f"{me}/webhook", gone}) == frozenset({gone})


def test_same_host_name_in_another_pid_namespace_is_never_judged() -> None:
    """Containers with host networking share the host name but not the pids."""
    host = socket.gethostname().replace(":", "_")
    assert pid_space().startswith(host)
    other_space = f"{host}~{pid_space().split('~')[1]}~4026531999"
    bare_host = host  # ids written before the pid space was part of them
    pid = _exited_pid()
    owners = {f"{other_space}:{pid}:1:x/generate", f"{bare_host}:{pid}:1:y/generate"}
    assert dead_local_owners(owners) == frozenset()
