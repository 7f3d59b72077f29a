"""Length-prefixed frames over the stream sockets between the server, the host and workers.

A frame is an 8-byte big-endian length and the payload. The host and the workers use
blocking sockets; the server keeps its end of each worker socket non-blocking, so one socket
serves both a thread (``recv_frame_until``, with a deadline) and the event loop
(``recv_frame_async``).
"""

from __future__ import annotations

import asyncio
import select
import socket
import struct
import time

LENGTH = struct.Struct("!Q")
_CHUNK = 1 << 16
_JOIN_BELOW = 1 << 16  # smaller payloads are sent with their header in one write


def send_frame(sock: socket.socket, payload: bytes | bytearray) -> None:
    """Send one frame on a blocking socket."""
    if len(payload) < _JOIN_BELOW:
        sock.sendall(LENGTH.pack(len(payload)) + payload)
    else:
        sock.sendall(LENGTH.pack(len(payload)))
        sock.sendall(payload)


def recv_exact(sock: socket.socket, size: int) -> bytearray:
    """Exactly ``size`` bytes from a blocking socket; EOFError when it closes first."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        count = sock.recv_into(view[received:])
        if count == 0:
            raise EOFError("the peer closed the socket")
        received += count
    return buffer


def recv_frame(sock: socket.socket) -> bytearray:
    """One frame's payload from a blocking socket."""
    (size,) = LENGTH.unpack(recv_exact(sock, LENGTH.size))
    return recv_exact(sock, size)


def send_frame_until(sock: socket.socket, payload: bytes, deadline: float) -> bool:
    """Send one frame on a non-blocking socket; False when the deadline passed first."""
    data = memoryview(LENGTH.pack(len(payload)) + payload)
    while data:
        try:
            sent = sock.send(data)
        except BlockingIOError:
            if not _wait(sock, select.POLLOUT, deadline):
                return False
            continue
        data = data[sent:]
    return True


def recv_frame_until(sock: socket.socket, deadline: float) -> bytearray | None:
    """One frame's payload from a non-blocking socket; None when the deadline passed first.

    Raises EOFError when the peer closes the socket.
    """
    header = bytearray(LENGTH.size)
    if not _recv_into_until(sock, memoryview(header), deadline):
        return None
    (size,) = LENGTH.unpack(header)
    payload = bytearray(size)
    if not _recv_into_until(sock, memoryview(payload), deadline):
        return None
    return payload


def _recv_into_until(sock: socket.socket, view: memoryview, deadline: float) -> bool:
    received = 0
    while received < len(view):
        try:
            count = sock.recv_into(view[received:])
        except BlockingIOError:
            if not _wait(sock, select.POLLIN, deadline):
                return False
            continue
        if count == 0:
            raise EOFError("the peer closed the socket")
        received += count
    return True


async def send_frame_async(
    loop: asyncio.AbstractEventLoop, sock: socket.socket, payload: bytes
) -> None:
    """Send one frame on a non-blocking socket from the event loop."""
    await loop.sock_sendall(sock, LENGTH.pack(len(payload)) + payload)


async def recv_frame_async(loop: asyncio.AbstractEventLoop, sock: socket.socket) -> bytearray:
    """One frame's payload from a non-blocking socket, in the event loop.

    Raises EOFError when the peer closes the socket.
    """
    buffer = bytearray()
    while len(buffer) < LENGTH.size:
        chunk = await loop.sock_recv(sock, _CHUNK)
        if not chunk:
            raise EOFError("the peer closed the socket")
        buffer += chunk
    (size,) = LENGTH.unpack_from(buffer)
    if len(buffer) == LENGTH.size + size:
        del buffer[: LENGTH.size]
        return buffer
    payload = bytearray(size)
    received = len(buffer) - LENGTH.size
    payload[:received] = memoryview(buffer)[LENGTH.size :]
    view = memoryview(payload)
    while received < size:
        count = await loop.sock_recv_into(sock, view[received:])
        if count == 0:
            raise EOFError("the peer closed the socket")
        received += count
    view.release()
    return payload


def _wait(sock: socket.socket, event: int, deadline: float) -> bool:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return False
    poller = select.poll()
    poller.register(sock, event)
    return bool(poller.poll(remaining * 1000))
