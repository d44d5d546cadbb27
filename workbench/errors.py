"""The workbench's own exception: a clear, specific message an analyst can act on."""


class WorkbenchError(ValueError):
    """Raised for bad input or bad arguments; the message says what is wrong and what to do next."""


class WrongTypeError(WorkbenchError, TypeError):
    """An argument of the wrong kind (a list where a Corpus is wanted): a ``TypeError`` as Python's own are, and a
    ``WorkbenchError`` as every error the package raises on purpose."""
