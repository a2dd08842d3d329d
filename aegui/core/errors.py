"""User-facing errors.

Every problem a user can cause or fix (bad file, missing dataset, diverging run)
is raised as an :class:`AeguiError` whose message says what happened and what to
do. The CLI prints it as one line; the GUI shows it in a message box.
"""


class AeguiError(Exception):
    """A problem with the user's input or environment, explained in plain English."""


class DataError(AeguiError):
    """A dataset could not be found, read or used."""


class CheckpointError(AeguiError):
    """An experiment file could not be read or does not fit."""


class TrainingError(AeguiError):
    """A training run had to stop (non-finite loss, out of memory, ...)."""

    all_ranks = False  # under torchrun: every rank met it (decided on shared losses), so rank 0 says it


class ConfigError(AeguiError):
    """An experiment setting is invalid or does not fit the data."""


class Cancelled(Exception):
    """Raised by long core computations when their ``should_stop()`` callback returns True.

    Not an :class:`AeguiError`: nothing went wrong, so there is nothing to tell the user.
    """
