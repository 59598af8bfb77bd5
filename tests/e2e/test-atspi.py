#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test: drives the running application from outside, through the
# accessibility bus, as a screen reader or an automation tool would.
#
#   1. makes a database with the demo inspection (fieldwork-cli demo)
#   2. starts fieldwork on it: the welcome page shows, settings are in memory
#   3. presses "Open the Demo Inspection", then the "Case" page and
#      "Next case" until the editor shows DEMO-C-08 (not started)
#   4. presses the "Yes — 2.1.1" toggle button through its AT-SPI action
#   5. reads the ratings panel's 2.1.1 label: 86 % (6 yes, 1 no) before,
#      88 % (7 yes, 1 no) after
#   6. checks the answer row in the SQLite database
#
# Run it with /usr/bin/python3 (pyatspi is a Debian package), under
#   xvfb-run -a dbus-run-session -- …
# Exit status: 0 pass, 1 fail, 77 skip (no usable display, no session bus,
# or no pyatspi). It takes 10 to 20 seconds.
#
# Its scaffolding (bus, display, lookups, the harness, arguments) is in
# fwatspi.py, shared with test-atspi-cases.py and test-atspi-lock.py.

import sqlite3
import sys

import fwatspi
from fwatspi import Failure, by_role_name, do_action, find_one, fresh, has_state, log, name_of, \
    role_of, wait_for

REFERENCE = "DEMO-C-08"
ITEM = "2.1.1"
BEFORE = ("2.1.1: 86 percent yes", "6 yes · 1 no")
AFTER = ("2.1.1: 88 percent yes", "7 yes · 1 no")


def answer_in_db(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute("SELECT a.value, a.who FROM answer a JOIN kase k ON k.id = a.case_id "
                           "WHERE k.reference = ? AND a.item = ?", (REFERENCE, ITEM)).fetchone()
    finally:
        con.close()


def run(args, tmp, children):
    fw = fwatspi.Fieldwork(args, tmp, children)
    db = fw.db
    fw.cli("demo")
    before_db = answer_in_db(db)
    if before_db is not None:
        raise Failure(f"{REFERENCE} {ITEM} is answered already in the demo: {before_db}")
    log(f"demo inspection created in {db}")

    app = fw.start()
    R = fwatspi.pyatspi

    # -- the welcome page
    fw.open_demo()

    # -- the Case page, from the stack switcher in the header bar
    case_tab = wait_for("the “Case” page button",
                        lambda: find_one(app, "Case", lambda a: role_of(a) in (R.ROLE_TOGGLE_BUTTON, R.ROLE_PUSH_BUTTON,
                                                                               R.ROLE_RADIO_BUTTON, R.ROLE_PAGE_TAB)
                                         and name_of(a) in ("Case", "Case Case")))
    do_action(case_tab)
    log("pressed the “Case” page button")

    next_case, header = fw.case_page()

    def header_labels():
        return fwatspi.header_labels(header)

    def shown_reference():
        return fwatspi.shown_reference(header)

    for step in range(30):
        current = shown_reference()
        if current == REFERENCE:
            break
        do_action(next_case)
        wait_for("the next case", lambda: shown_reference() not in (None, current), timeout=10)
    else:
        raise Failure(f"“Next case” never reached {REFERENCE}")
    log(f"the case editor shows {REFERENCE}")

    status = [n for n in header_labels() if "key questions answered" in n]
    if not status or not status[0].startswith("Not started — 0 of"):
        raise Failure(f"{REFERENCE} should be not started: {status}")

    # -- the ratings panel before
    def percent_label():
        return find_one(app, f"the {ITEM} rating label", by_role_name(R.ROLE_LABEL, f"{ITEM}:", exact=False))
    label = wait_for(f"the ratings label “{ITEM}: …”", percent_label)
    before = name_of(label)
    log(f"before: {before!r}")
    if not (before.startswith(BEFORE[0]) and BEFORE[1] in before):
        raise Failure(f"before answering, expected {BEFORE}, the panel says {before!r}")

    # -- Yes on 2.1.1
    yes = wait_for(f"the toggle button “Yes — {ITEM}”",
                   lambda: find_one(app, f"Yes — {ITEM}", lambda a: role_of(a) in (R.ROLE_TOGGLE_BUTTON, R.ROLE_PUSH_BUTTON)
                                     and name_of(a) == f"Yes — {ITEM}"))
    if has_state(yes, R.STATE_CHECKED) or has_state(yes, R.STATE_PRESSED):
        raise Failure(f"“Yes — {ITEM}” is already on")
    do_action(yes)
    log(f"pressed “Yes — {ITEM}”")

    # -- the ratings panel after
    after = wait_for(f"the {ITEM} rating to change",
                     lambda: (lambda n: n if n != before else None)(name_of(fresh(label))), timeout=10)
    log(f"after:  {after!r}")
    if not (after.startswith(AFTER[0]) and AFTER[1] in after):
        raise Failure(f"after answering Yes, expected {AFTER}, the panel says {after!r}")
    wait_for(f"“Yes — {ITEM}” to show as on",
             lambda: has_state(yes, R.STATE_CHECKED) or has_state(yes, R.STATE_PRESSED), timeout=5)
    wait_for("the case header to count the answer",
             lambda: any(n.startswith("In progress — 1 of") for n in header_labels()), timeout=5)

    # -- the database
    row = wait_for(f"the answer row for {REFERENCE} {ITEM}", lambda: answer_in_db(db), timeout=5)
    log(f"database: {REFERENCE} {ITEM} = {row[0]!r} by {row[1]!r}")
    if row[0] != "yes":
        raise Failure(f"the database holds {row[0]!r} for {REFERENCE} {ITEM}, not 'yes'")

    fw.check_running()


if __name__ == "__main__":
    sys.exit(fwatspi.main(run))
