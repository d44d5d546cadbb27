"""The workbench's own exception: a clear, specific message an analyst can act on."""


class WorkbenchError(ValueError):
    """Raised for bad input or bad arguments; the message says what is wrong and what to do next."""
