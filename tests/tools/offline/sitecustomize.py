"""Refuse every network access in this Python process and in every Python process it starts.

Put this folder on PYTHONPATH and Python imports it at start-up (as `sitecustomize`), before any
program code: name lookups and connections over IPv4/IPv6 raise `OSError`, local sockets (Unix
domain, used by process pools) keep working. Every refused attempt is also written to the file
named by PRAXIS_NETWORK_LOG, so an attempt that a program catches and ignores is still seen; each
process that armed the guard writes `armed <pid>` there first.

The offline build test uses this where `unshare -rn` (a network namespace without interfaces) is
not allowed, e.g. in Docker containers under the default seccomp profile, and together with it
where it is.
"""

from __future__ import annotations

import os
import socket

LOG = os.environ.get("PRAXIS_NETWORK_LOG", "")
LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None), getattr(socket, "AF_NETLINK", None)} - {None}


class NetworkRefused(ConnectionRefusedError):
    """Raised for every network access while the guard is armed."""


def _note(line: str) -> None:
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(line + "\n")


def _refuse(what: str, target: object) -> None:
    _note(f"refused {os.getpid()} {what} {target!r}")
    raise NetworkRefused(f"Netzzugriff beim Bau verweigert: {what} {target!r}")


def _lookup(name: str):
    def refused(host, *args, **kwargs):
        _refuse(name, host)

    return refused


def _guard_method(name: str):
    original = getattr(socket.socket, name)

    def guarded(self, address, *args, **kwargs):
        if self.family not in LOCAL_FAMILIES:
            _refuse(f"socket.{name}", address)
        return original(self, address, *args, **kwargs)

    return guarded


def _guard_sendto(self, data, *args):
    if self.family not in LOCAL_FAMILIES:
        _refuse("socket.sendto", args[-1] if args else None)
    return _original_sendto(self, data, *args)


def _guard_sendmsg(self, buffers, ancdata=(), flags=0, address=None):
    if self.family not in LOCAL_FAMILIES and address is not None:
        _refuse("socket.sendmsg", address)
    if address is None:
        return _original_sendmsg(self, buffers, ancdata, flags)
    return _original_sendmsg(self, buffers, ancdata, flags, address)


_original_sendto = socket.socket.sendto
_original_sendmsg = socket.socket.sendmsg
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
    setattr(socket, _name, _lookup(f"socket.{_name}"))
for _name in ("connect", "connect_ex"):
    setattr(socket.socket, _name, _guard_method(_name))
socket.socket.sendto = _guard_sendto
socket.socket.sendmsg = _guard_sendmsg
_note(f"armed {os.getpid()}")
