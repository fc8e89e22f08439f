"""Cooperation between agencies: requests for information (this module's first part), and
later operations, judicial requests and notices."""
