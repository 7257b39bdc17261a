// Tests build page images and multi-page TIFFs with the Leptonica binding.
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Extractor.Tests")]
