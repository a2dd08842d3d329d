"""The Analyze tab: what a trained autoencoder is for (anomalies, features, the PCA comparison)."""
