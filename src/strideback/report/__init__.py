"""Faces for sharing with a clinician: the PDF report and the FHIR bundle. They lay out; services compute."""
