"""The Latent tab and its panels; the panels share a LatentSession, never the tab."""
