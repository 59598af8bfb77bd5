#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test, keyboard first, through the accessibility bus:
#
#   1. makes the demo inspection with fieldwork-cli, DEMO-C-03 quality-assured
#   2. opens it, Enter on DEMO-C-03, N: nothing changes (the audit trail too)
#   3. Alt+3, the Locked switch, the confirmation's Lock: the banner offers
#      Unlock; Alt+1, Enter on the first case, Y: nothing changes
#
# Its scaffolding (bus, display, lookups, keys, the harness) is in fwatspi.py.
# Exit status: 0 pass, 1 fail, 77 skip. Arguments as for test-atspi.py.

import sys

import fwatspi as base
from fwatspi import ALT, Failure, keys, log, point_at, wait_for

DEMO = "Demo Youth Justice Service"
SECOND = "Second Service"
REFERENCE = "DEMO-C-03"   # the third case of the list, by reference


def run(args, tmp, children):
    fw = base.Fieldwork(args, tmp, children)
    cli = fw.cli
    demo_id = cli("demo")
    cli("case-status", "--inspection", demo_id, "--case", REFERENCE, "--status", "complete")
    cli("case-status", "--inspection", demo_id, "--case", REFERENCE, "--status", "quality-assured")

    def audit():
        return cli("audit", "--inspection", demo_id)

    app = fw.start()
    R = base.pyatspi
    fw.open_demo(DEMO)
    point_at(500, 400)
    base.pump(0.5)

    # -- N on a quality-assured case changes nothing
    before = audit()
    keys("Home", "Down", "Down", "Return")
    fw.case_page()
    base.pump(0.5)
    keys("n")
    base.pump(1.0)
    if audit() != before:
        raise Failure("N on a quality-assured case changed something")
    log(f"N on the quality-assured {REFERENCE} changed nothing")

    # -- locking from the Review page, confirmed
    keys("3", modifiers=ALT)   # Alt (Mod1)
    def toggle_like(a):
        try:
            role = a.getRoleName()
        except Exception:
            return False
        return role in ("switch", "toggle button", "check box")

    row = wait_for("the Locked row", lambda: base.find_one(
        app, "Locked", lambda a: base.name_of(a) == "Locked" and base.role_of(a) == R.ROLE_LIST_ITEM))
    switch = wait_for("the Locked switch", lambda: base.find_one(row, "the lock switch", toggle_like))
    base.do_action(switch)

    def lock_button():
        # the confirmation lays its buttons out twice (side by side, stacked): the one shown
        found = base.find_all(base.fresh(app), lambda a: base.role_of(a) == R.ROLE_PUSH_BUTTON
                              and base.name_of(a).replace("_", "").split(" ")[0] == "Lock")
        shown = [a for a in found if base.has_state(a, R.STATE_VISIBLE)]
        return (shown or found or [None])[0]
    lock = wait_for("the confirmation's Lock", lock_button)
    base.do_action(lock)
    wait_for("the lock in the audit trail", lambda: ",lock," in audit().splitlines()[-1], timeout=10)

    def unlock_offered():
        return any(base.has_state(a, R.STATE_SENSITIVE) and base.has_state(a, R.STATE_VISIBLE)
                   for a in base.find_all(base.fresh(app), lambda a: base.role_of(a) == R.ROLE_PUSH_BUTTON
                                          and "Unlock" in base.name_of(a)))
    wait_for("an Unlock button to be offered", unlock_offered, timeout=10)
    log("locked from the Review page, after a confirmation")

    # -- read-only after: an answer key on another case changes nothing
    before = audit()
    keys("1", modifiers=ALT)
    base.pump(0.5)
    keys("Home", "Return")
    base.pump(0.5)
    keys("y")
    base.pump(1.0)
    if audit() != before:
        raise Failure("Y changed a locked inspection")
    log("the locked inspection is read-only")

    fw.check_running()


if __name__ == "__main__":
    sys.exit(base.main(run))
