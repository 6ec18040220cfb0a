"""Matching: which figures answer a statistic (word families, context, features, the fitted model), quotes,
intervals."""
