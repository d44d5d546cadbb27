"""A small wire of two desks for the two-level topic tests (topics and the topics explorer)."""

#: Two desks (energy, politics), each with two threads of its own.
WIRE = {
    **{
        f"oil{i}": f"Crude oil prices rose as OPEC output fell. Refinery {w} crude exports."
        for i, w in enumerate("abcd")
    },
    **{f"gas{i}": f"Natural gas pipeline flows rose. Gas pipeline {w} gas storage." for i, w in enumerate("abcd")},
    **{
        f"vote{i}": f"Parliament votes on the budget bill. The budget vote {w} parliament."
        for i, w in enumerate("abcd")
    },
    **{
        f"poll{i}": f"Election polls show the opposition ahead. Election poll {w} voters." for i, w in enumerate("abcd")
    },
}
