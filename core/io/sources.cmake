# Sources of core/io
