"""The mechanism explorer (Qt-free): the CRL4-CRBN diagram, its narration and practice, and the
drug comparison.

Modules:
    diagram         the diagram's records (nodes, edges, groups, steps, drug highlights)
    layout          where boxes, edges and the legend go; every overlap listed
    narration       step-through state moved by buttons, clicker and keyboard keys
    label_practice  "Hide the labels": one practice round with tolerant name matching
    drug_table      the five-drug comparison: cell texts, sorting, CSV
"""
