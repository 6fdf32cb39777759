"""One exception root for everything the product reports to a user.

    SummarizerError                      (exit 1)
    ├── InputError                       (exit 3)  no input, unreadable, a directory, ...
    │   ├── EmptyInputError              (exit 4)  empty or whitespace-only
    │   └── DecodeError                  (exit 5)  binary or undecodable bytes
    │   └── OutputError                  (exit 3)  -o is a device, FIFO, symlink, directory
    ├── ConfigError                      (exit 2)  bad flag/env combination, unknown profile
    ├── BusyError                        (exit 11) another batch is writing the same output
    ├── UpstreamError                    (exit 6)  the model server failed after retries
    │   ├── ServerUnreachableError       (exit 7)  connection refused, DNS, timeouts
    │   └── AuthError                    (exit 8)  401/403 from the server
    └── ExtractionError                  (exit 9)  model output unusable after re-asks

Third-party errors (openai, httpx, instructor) are mapped to these at one boundary,
``summarizer.llm``, with ``raise ... from e``. The CLI prints ``error: <message>`` on one line
and exits with ``exit_code``; ``SUMMARIZER_RAISE_ERRORS=1`` shows the traceback instead.
Messages pass through ``summarizer.redact`` before they are shown or recorded: they never
contain an API key.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Root of every error the CLI reports as one line."""

    exit_code = 1


class InputError(SummarizerError):
    """The input cannot be read: missing, a directory, unreadable, too large."""

    exit_code = 3


class EmptyInputError(InputError):
    """The input holds no text (empty or whitespace only)."""

    exit_code = 4


class DecodeError(InputError):
    """The input is binary or in no encoding we can decode."""

    exit_code = 5


class OutputError(InputError):
    """The output cannot be written there: not a regular file (device, FIFO, symlink,
    directory), a closed or full stdout, an unwritable folder. Shares exit 3 with unreadable
    input: either way the files given are the problem, not the settings or the server."""

    exit_code = 3


class BusyError(SummarizerError):
    """Another batch holds the lock on the same output (its journal); nothing was touched."""

    exit_code = 11


class ConfigError(SummarizerError):
    """Flags and environment do not make a usable configuration."""

    exit_code = 2


class UpstreamError(SummarizerError):
    """The model server failed (5xx, 429) and the retry budget ran out."""

    exit_code = 6


class ServerUnreachableError(UpstreamError):
    """No connection to the server (refused, reset, timed out)."""

    exit_code = 7


class AuthError(UpstreamError):
    """The server refused the credentials (401/403)."""

    exit_code = 8


class ExtractionError(SummarizerError):
    """The model's output stayed unusable (invalid JSON/schema) after the allowed re-asks."""

    exit_code = 9


EXIT_CODES: dict[int, str] = {
    0: "success",
    1: "unexpected error (please report it)",
    2: "configuration or usage error (bad flag, option value, environment or profile)",
    3: "input cannot be read (missing, a directory, unreadable, too large, a FIFO with no "
    "writer) or output cannot be written (-o is a device, FIFO, symlink or directory; stdout "
    "closed or full)",
    4: "input is empty or whitespace only",
    5: "input is binary or undecodable",
    6: "model server error after retries (5xx, 429)",
    7: "model server unreachable (connection refused, reset or timed out)",
    8: "model server refused the credentials (401/403)",
    9: "model output unusable after re-asks",
    10: "batch finished with failed inputs (see the error records)",
    11: "another batch is writing the same output (-o): nothing was done",
    12: "partial report: a model chunk failed and was skipped (a warning line names it)",
    130: "interrupted (Ctrl-C)",
}
