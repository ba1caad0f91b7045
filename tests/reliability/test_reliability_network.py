"""The whole suite runs with the network blocked (pytest-socket, ``--disable-socket
--allow-unix-socket`` in pyproject's addopts): any attempt to fetch fails the test that made it.
Tests that need a loopback listener to prove nothing is fetched opt in with
``@pytest.mark.enable_socket``."""

from __future__ import annotations

import socket
import urllib.request

import pytest
from pytest_socket import SocketBlockedError

pytestmark = pytest.mark.filterwarnings("ignore:A test tried to use socket")


def test_a_connection_attempt_fails_the_test() -> None:
    with pytest.raises(SocketBlockedError):
        socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM)


def test_a_url_fetch_fails_the_test() -> None:
    with pytest.raises(SocketBlockedError):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)  # noqa: S310


def test_weasyprint_fetch_fails_the_test_even_past_the_safe_fetcher() -> None:
    from weasyprint import URLFetcher

    with pytest.raises(SocketBlockedError):
        URLFetcher(timeout=1).fetch("http://127.0.0.1:9/x.css")


def test_unix_sockets_stay_allowed() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    left.sendall(b"ok")
    assert right.recv(2) == b"ok"
    left.close()
    right.close()
