using System.Text.Json.Nodes;

namespace Pinn.Host.Sweeps;

/// <summary>A sweep file read and checked: the base manifest and the axes to vary.</summary>
/// <param name="File">The sweep file.</param>
/// <param name="Name">The sweep's name (the file's name without extension): its default folder is runs/sweep-&lt;name&gt;/.</param>
/// <param name="BaseFile">The base manifest, as a path relative to the working directory or absolute.</param>
/// <param name="Base">The base manifest's JSON.</param>
/// <param name="Grid">Axes whose every combination is run.</param>
/// <param name="RandomCount">Points of the random space (0: none).</param>
/// <param name="Random">Axes of the random space.</param>
/// <param name="SobolCount">Points of the quasi-random (Sobol) space (0: none).</param>
/// <param name="Sobol">Axes of the quasi-random space.</param>
/// <param name="Seed">Seed of the random space's draws and of the Sobol sequence's scrambling.</param>
internal sealed record SweepSpec(string File, string Name, string BaseFile, JsonObject Base, IReadOnlyList<SweepAxis> Grid,
                                 int RandomCount, IReadOnlyList<SweepAxis> Random, int SobolCount, IReadOnlyList<SweepAxis> Sobol, long Seed)
{
    /// <summary>Every axis, grid first.</summary>
    public IReadOnlyList<SweepAxis> Axes => [.. Grid, .. Random, .. Sobol];
}
