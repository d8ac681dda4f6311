"""Exit codes and the usage error shared by `praxis` and its subcommands.

Kept apart from `cli.py` so that the subcommand modules need not import the command line that
imports them.
"""

from __future__ import annotations

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called (not in the content)."""
