#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes case-level fixtures consistent with two published HMIP reports.

The reports publish, per key question, the % of cases answered "yes" among
the relevant ones; we choose whole-case counts (yes, no, n/a) that give
exactly those figures, spread them over invented cases, and write the CSV
files the tests import. References are invented; no personal data.

    python3 make-published.py   # rewrites published/*.csv
"""
import csv
import os
import random

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "published")

# Brent 2019 (Annex 2): question -> (yes, no, na); 29 court, 20 out-of-court.
BRENT = {
    "court": (29, {
        "2.1.1": (25, 4, 0),   # 86.2 -> 86
        "2.1.2": (23, 6, 0),   # 79.3 -> 79
        "2.1.3": (19, 10, 0),  # 65.5 -> 66 (rounding decides: Good)
        "2.2.1": (27, 2, 0),   # 93.1 -> 93
        "2.2.2": (24, 5, 0),   # 82.8 -> 83
        "2.2.3": (21, 7, 1),   # 75.0
        "2.3.1": (23, 5, 1),   # 82.1 -> 82
        "2.3.2": (22, 7, 0),   # 75.9 -> 76
        "2.3.3": (20, 9, 0),   # 69.0
        "2.4.1": (18, 3, 8),   # 85.7 -> 86
        "2.4.2": (13, 7, 9),   # 65.0
        "2.4.3": (12, 3, 14),  # 80.0, "12 of 15 relevant cases"
    }),
    "out-of-court": (20, {
        "3.1.1": (16, 4, 0),   # 80
        "3.1.2": (13, 7, 0),   # 65
        "3.1.3": (16, 4, 0),   # 80
        "3.2.1": (14, 6, 0),   # 70
        "3.2.2": (13, 7, 0),   # 65
        "3.2.3": (17, 3, 0),   # 85
        "3.3.1": (13, 7, 0),   # 65
        "3.3.2": (12, 5, 3),   # 70.6 -> 71
        "3.3.3": (8, 5, 7),    # 61.5 -> 62, "8 of 13"
        "3.4.1": (11, 4, 5),   # 73.3 -> 73
        "3.4.2": (15, 5, 0),   # 75
    }),
}
BRENT_JUDGEMENTS = [
    ("1.1", "good", "Clear vision; board well attended."),
    ("1.2", "good", "Staff well supported and trained."),
    ("1.3", "requires-improvement", "Gaps in provision for triage cases."),
    ("1.4", "requires-improvement", "Information for decision-making incomplete."),
]

# Barking and Dagenham 2025: 21 children's cases, 15 victim cases.
BD = {
    "child": (21, {
        "2.1.1": (19, 2, 0),   # 90.5 -> 90
        "2.1.2": (14, 7, 0),   # 66.7 -> 67
        "2.2.1": (19, 2, 0),   # 90
        "2.2.2": (17, 4, 0),   # 81.0 -> 81
        "2.3.1": (19, 2, 0),   # 90
        "2.3.2": (19, 2, 0),   # 90
    }),
    "victim": (15, {
        "V1.1": (9, 6, 0),     # 60: evidence for the judged V1
    }),
}
BD_JUDGEMENTS = [
    ("V1", "requires-improvement", "Case work with victims sound; strategy and data missing."),
]

DISPOSALS = {
    "court": ["referral order", "youth rehabilitation order", "detention and training order"],
    "out-of-court": ["youth conditional caution", "youth caution", "community resolution"],
    "child": ["bail", "remand", "community sentence", "out-of-court resolution"],
    "victim": ["victim"],
}
LEVELS = ["low", "medium", "high", "very high"]
INSPECTORS = ["Inspector A", "Inspector B", "Inspector C"]


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(header)
        w.writerows(rows)


def build(prefix, sample, seed):
    rnd = random.Random(seed)
    cases, answers = [], []
    for kind, (n, questions) in sample.items():
        refs = ["%s-%s-%03d" % (prefix, kind[:2].upper(), i + 1) for i in range(n)]
        for i, ref in enumerate(refs):
            cases.append([ref, kind, rnd.choice(DISPOSALS[kind]), rnd.choice(["boy", "girl"]),
                          rnd.choice(["10-14", "15-17"]), rnd.choice(["white", "black", "asian", "mixed"]),
                          rnd.choice(LEVELS), rnd.choice(LEVELS), "Case manager %d" % (i % 6 + 1),
                          INSPECTORS[i % 3]])
        for q, (yes, no, na) in questions.items():
            assert yes + no + na == n, (q, yes, no, na, n)
            values = ["yes"] * yes + ["no"] * no + ["na"] * na
            rnd.shuffle(values)
            for ref, value in zip(refs, values):
                note = "" if value == "yes" else ("Evidence, see case file (%s)" % q)
                answers.append([ref, q, value, note])
    return cases, answers


def main():
    os.makedirs(HERE, exist_ok=True)
    case_header = ["reference", "kind", "disposal", "gender", "age", "ethnicity", "rosh",
                   "safety_wellbeing", "case_manager", "inspector"]
    for prefix, sample, judgements, seed in (("brent-2019", BRENT, BRENT_JUDGEMENTS, 2019),
                                             ("bd-2025", BD, BD_JUDGEMENTS, 2025)):
        short = "BR" if prefix.startswith("brent") else "BD"
        cases, answers = build(short, sample, seed)
        write(prefix + "-cases.csv", case_header, cases)
        write(prefix + "-answers.csv", ["reference", "question", "answer", "note"], answers)
        write(prefix + "-judgements.csv", ["standard", "rating", "rationale"], judgements)


if __name__ == "__main__":
    main()
