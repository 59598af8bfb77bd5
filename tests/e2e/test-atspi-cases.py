#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# End-to-end test, keyboard first: drives the running application from
# outside through the accessibility bus, with keys made by the AT-SPI
# registry (XTEST), as a user at the keyboard would.
#
#   1. makes a database with the demo inspection and a second one
#      ("Second Service") with fieldwork-cli
#   2. starts fieldwork on it and presses "Open the Demo Inspection"
#   3. on the Cases list: Home, Down, Down, Enter: the Case page shows DEMO-C-03
#   4. Shift+Ctrl+O, Down, Enter: the window is "Second Service – Fieldwork";
#      Shift+Ctrl+O, Up, Enter: back to the demo
#   5. fieldwork-cli locks the demo on the same file: the window's lock banner
#      shows, without anything done in the window
#
# Its scaffolding (bus, display, lookups, keys, the harness) is in fwatspi.py.
# Exit status: 0 pass, 1 fail, 77 skip. Arguments as for test-atspi.py.

import sys
import time

import fwatspi as base
from fwatspi import CONTROL_SHIFT, Failure, keys, log, point_at, wait_for

DEMO = "Demo Youth Justice Service"
SECOND = "Second Service"
REFERENCE = "DEMO-C-03"   # the third case of the list, by reference


def run(args, tmp, children):
    fw = base.Fieldwork(args, tmp, children)
    cli = fw.cli
    db = fw.db
    demo_id = cli("demo")
    cli("new", "--framework", "hmip-youth-2018", "--service", SECOND, "--start", "2026-12-01",
        "--inspector", "Inspector A")
    log(f"two inspections in {db}")

    app = fw.start()
    R = base.pyatspi
    window_title = fw.window_title
    fw.open_demo(DEMO)
    log("the demo is open on the Cases page")
    # keys go where the pointer is when no window manager gives the focus
    point_at(500, 400)
    base.pump(0.5)

    # -- the chosen case, with Enter
    keys("Home", "Down", "Down", "Return")
    _, header = fw.case_page()
    wait_for(f"the Case page to show {REFERENCE}", lambda: base.shown_reference(header) == REFERENCE, timeout=10)
    log(f"Enter on the third row opened {REFERENCE}")

    # -- switching inspections, from the keyboard
    keys("o", modifiers=CONTROL_SHIFT)
    wait_for("the inspection switcher", lambda: base.find_one(app, SECOND, base.by_role_name(R.ROLE_LIST_ITEM, SECOND)))
    # the switcher opens on the open inspection's row; the next one, Enter
    keys("Down", "Return")
    wait_for(f"the window to show {SECOND}", lambda: (window_title() or "").startswith(SECOND), timeout=10)
    log(f"switched to {SECOND}")
    keys("o", modifiers=CONTROL_SHIFT)
    wait_for("the inspection switcher", lambda: base.find_one(app, DEMO, base.by_role_name(R.ROLE_LIST_ITEM, DEMO)))
    keys("Up", "Return")
    wait_for(f"the window to show {DEMO}", lambda: (window_title() or "").startswith(DEMO), timeout=10)
    log(f"switched back to {DEMO}")

    # -- a lock made by another program on the same file shows: the window's
    # banner ("This inspection is locked …") offers Unlock, which it did not before
    text = wait_for("the lock banner's text", lambda: base.find_one(
        app, "the lock banner", lambda a: base.role_of(a) == R.ROLE_LABEL
        and base.name_of(a).startswith("This inspection is locked")))
    unlock = wait_for("the banner's Unlock button", lambda: base.find_one(
        text.parent, "Unlock", lambda a: base.role_of(a) == R.ROLE_PUSH_BUTTON and "Unlock" in base.name_of(a)))

    def unlock_offered():
        return base.has_state(unlock, R.STATE_SENSITIVE) or base.has_state(unlock, R.STATE_ENABLED)
    if unlock_offered():
        raise Failure("the banner offers Unlock before the lock")
    started = time.monotonic()
    cli("lock", "--inspection", demo_id)
    wait_for("the banner to offer Unlock", unlock_offered, timeout=5)
    log(f"the lock made by fieldwork-cli showed after {time.monotonic() - started:.1f} s")

    fw.check_running()


if __name__ == "__main__":
    sys.exit(base.main(run))
