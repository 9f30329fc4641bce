"""The timeline (Qt-free): events, eras and lanes, where they are drawn, stories and exports.

Modules:
    data        `TimelineData` (events in date order, eras, lanes), filters, date labels, texts
    layout      where every marker, bar and headline goes at each zoom (no overlaps)
    story       story mode: stepping through events one card at a time (also the presenter's)
    export      TimelineJS JSON and CSV
    svg         the SVG writer of "Current view as SVG drawing" (the view measures, this writes)
"""
