"""Small workflows that the replay tests record and fork (imported by ``module:object``)."""
