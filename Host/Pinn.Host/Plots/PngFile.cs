using Pinn.Host.Training;
using ScottPlot;

namespace Pinn.Host.Plots;

/// <summary>Writes a picture as a PNG file atomically (<see cref="AtomicFile"/>): a crash or Ctrl+C while drawing leaves
/// the previous picture or none, never a torn file.</summary>
internal static class PngFile
{
    public static void Save(string file, Plot plot, int width, int height)
        => AtomicFile.Write(file, stream => stream.Write(plot.GetImage(width, height).GetImageBytes(ImageFormat.Png)));

    public static void Save(string file, Multiplot multiplot, int width, int height)
        => AtomicFile.Write(file, stream => stream.Write(multiplot.Render(width, height).GetImageBytes(ImageFormat.Png)));
}
