"""Procedure: acts on applications, deadlines as rows, assignments, the prosecution timeline."""
