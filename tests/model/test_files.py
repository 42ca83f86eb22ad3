"""Reading what the user named (issue 12): a socket is named for what it is."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from positions_viewer.cli import main
from positions_viewer.model import load_file

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")


@pytest.fixture
def a_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data.toml"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(os.fspath(path))
        yield path
    finally:
        server.close()


def test_a_socket_is_named_a_socket(a_socket: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """It said 'cannot read the file: No such device or address'."""
    errors = load_file(a_socket).errors
    assert [e.message for e in errors] == ["is a socket, not a regular file: it is not read"]
    assert main(["check", str(a_socket)]) == 1
    assert f"{a_socket}: error: is a socket, not a regular file" in capsys.readouterr().out
