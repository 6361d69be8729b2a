"""Domain logic: plain functions that take a session and never import Flask."""
