# Sources of core/analysis
