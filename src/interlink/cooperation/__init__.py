"""Cooperation between agencies: what turns "we both hold this man" into an arrest, a seizure
or a judicial request executed in hours.

- `legal_requests`: requests of every type (the request for information on a hit, `rfi.py`,
  is one of them) and the one state machine they follow; `clocks`: their legal deadlines;
- `operations`: joint operations (a sharing group with a lead, partners, targets and tasks);
  `ledger`: their results and totals; `report`: the operation report (HTML, PDF; ar, en, fr);
- `deconfliction`: two agencies after the same person are told of each other;
- `notices`: notices and diffusions, published, screened and withdrawn;
- `tables`: their tables (migration 0005).

Each function takes the store, who acts (an `Actor`) or reads (an agency code), and plain
arguments, and returns dataclasses with `to_dict()`: the CLI, the API and the web pages call
the same functions.
"""
