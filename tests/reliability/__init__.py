"""Reliability: concurrency, crashes, faults, backups and retention."""
