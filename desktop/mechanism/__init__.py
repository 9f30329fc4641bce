"""The mechanism explorer and the drug comparison (Qt views over `desktop.core.mechanism`)."""
