using System.Buffers.Binary;
using Pinn.Tests.Support;
using Shouldly;
using Xunit;

namespace Pinn.Tests.Plots;

/// <summary><c>pinn plot</c> and the pictures at the end of <c>pinn run</c>: PNG files of the training curves and of every
/// output field, for a steady and a time-dependent problem, a problem with a hole and one with a reference file.</summary>
public sealed class PlotCommandTests(TrainedRuns runs) : IClassFixture<TrainedRuns>
{
    /// <summary>(width, height) from a PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, $"{file} is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Theory]
    [InlineData("poisson2d", "field-u.png", 1400, 1120)]
    [InlineData("heat1d", "field-u.png", 1400, 1120)]
    public void Plot_draws_the_training_curves_and_each_fields_maps(string run, string fieldFile, int width, int height)
    {
        var folder = run == "poisson2d" ? runs.Poisson2d : runs.Heat1d;
        var (code, error) = HostCommand.Run("plot", folder, "--resolution", "21");
        code.ShouldBe(0, error);
        var plots = Path.Combine(folder, "plots");
        PngSize(Path.Combine(plots, "training-by-step.png")).ShouldBe((1200, 700));
        PngSize(Path.Combine(plots, "training-by-seconds.png")).ShouldBe((1200, 700));
        // Prediction, exact solution, error and the interior residual: a 2 × 2 figure.
        PngSize(Path.Combine(plots, fieldFile)).ShouldBe((width, height));
    }

    [Fact]
    public void A_run_writes_its_pictures_when_it_ends()
    {
        using var temp = new TemporaryDirectory();
        var manifest = temp.Combine("stokes.json");
        File.WriteAllText(manifest, """
            { "name": "kovasznay-pictures", "seed": 0, "dtype": "float64", "threads": 2,
              "problem": { "name": "kovasznay" },
              "model": { "hidden": [8], "activation": "tanh" },
              "engine": { "name": "autodiff" },
              "sampler": { "name": "lhs", "points": { "interior": 64, "boundary": 32 } },
              "optimizer": { "name": "adam" },
              "budget": { "steps": 5 },
              "evaluation": { "every": 5, "points": 200 } }
            """);
        var (code, error) = HostCommand.Run("run", manifest, "--out", temp.Combine("run"));
        code.ShouldBe(0, error);
        error.ShouldNotContain("could not be drawn");
        foreach (var field in new[] { "u", "v", "p" })
            PngSize(temp.Combine("run", "plots", $"field-{field}.png")).ShouldBe((1400, 1120));
    }

    [Fact]
    public void Plot_of_a_folder_that_is_not_a_run_is_a_clear_error()
    {
        using var temp = new TemporaryDirectory();
        var (code, error) = HostCommand.Run("plot", temp.Path);
        code.ShouldBe(2);
        error.ShouldContain("not a run folder");
    }
}
