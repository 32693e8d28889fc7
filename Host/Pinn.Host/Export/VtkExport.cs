using System.Text;
using Pinn.Abstractions.Problems;
using Pinn.Host.Export.Vtk;
using Pinn.Host.Inference;
using Pinn.Host.Training;
using TorchSharp;

namespace Pinn.Host.Export;

/// <summary>
/// Writes a trained run as VTK XML files for ParaView. A problem with a reference file gives an unstructured grid of
/// the reference's nodes (.vtu); any other problem gives image data on the bounding box of its evaluation domain
/// (.vti) with the cells whose centre lies outside the domain blanked (vtkGhostType). Every file holds each output
/// field, the reference or exact solution and the absolute error where the problem has one, and |r| of each
/// condition posed on a region. Time-dependent problems (first input <c>t</c>) write one file per time and a .pvd
/// collection; a spatial dimension above 3 is cut through the domain's centre along the first three axes.
/// </summary>
internal sealed class VtkExport(TrainedModel model, int resolution, int times)
{
    /// <summary>What was written: the files (the .pvd first when there is one) and a note on cuts.</summary>
    public sealed record Result(IReadOnlyList<string> Files, string? Note);

    public Result WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var problem = model.Problem;
        var timeDependent = problem.InputNames.Count > 1 && problem.InputNames[0] == "t";
        var reference = problem is IReferenceDataProblem { ReferenceData: { } data } ? data : null;
        var slices = reference is not null ? ReferenceSlices(reference, timeDependent) : GridSlices(problem, timeDependent);
        var files = new List<string>();
        var steps = new List<(double, string)>();
        var stem = Sanitised(model.Name);
        for (var s = 0; s < slices.Count; s++)
        {
            var slice = slices[s];
            var name = timeDependent ? $"{stem}_{s:D4}" : stem;
            var file = Path.Combine(directory, name + (reference is not null ? ".vtu" : ".vti"));
            using (var scope = torch.NewDisposeScope())
            {
                var arrays = Fields(slice.Points, slice.Reference, slice.Inside);
                AtomicFile.Write(file, stream =>
                {
                    using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                    if (reference is not null) VtkPointCloudFile.Write(writer, slice.Coordinates, arrays, slice.Comment);
                    else VtkImageFile.Write(writer, slice.Origin!, slice.Spacing!, slice.Dims!, arrays, [new VtkArray("vtkGhostType", slice.HiddenCells!, Flags: true)], slice.Comment);
                });
            }
            files.Add(file);
            if (timeDependent) steps.Add((slice.Time, Path.GetFileName(file)));
        }
        if (timeDependent)
        {
            var pvd = Path.Combine(directory, stem + ".pvd");
            AtomicFile.Write(pvd, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
                PvdCollection.Write(writer, steps);
            });
            files.Insert(0, pvd);
        }
        return new Result(files, slices.Count > 0 ? slices[0].Note : null);
    }

    /// <summary>The point arrays at x [N, d]: outputs, reference/exact and |error| per output, |r| per region condition, and
    /// "inside" (1 where x lies in the evaluation domain).</summary>
    private List<VtkArray> Fields(torch.Tensor x, torch.Tensor? reference, torch.Tensor inside)
    {
        var problem = model.Problem;
        var outputs = FieldQuantity.Outputs(problem);
        var residuals = FieldQuantity.RegionConditions(problem).Select(FieldQuantity.Residual).ToArray();
        var values = model.Evaluate(x, [.. outputs, .. residuals]);
        var truth = reference ?? model.SolutionInside(x, inside, fill: 0);
        var label = reference is not null ? "reference" : "exact";
        var arrays = new List<VtkArray>();
        for (var k = 0; k < outputs.Count; k++)
        {
            arrays.Add(new VtkArray(outputs[k].Name, Doubles(values[k])));
            if (truth is null) continue;
            arrays.Add(new VtkArray($"{outputs[k].Name}_{label}", Doubles(truth[.., k])));
            arrays.Add(new VtkArray($"{outputs[k].Name}_error", Doubles((values[k] - truth[.., k]).abs() * inside)));
        }
        for (var r = 0; r < residuals.Length; r++) arrays.Add(new VtkArray(residuals[r].Name, Doubles(values[outputs.Count + r])));
        arrays.Add(new VtkArray("inside", Doubles(inside)));
        return arrays;
    }

    private static double[] Doubles(torch.Tensor t) => t.to(torch.float64, torch.CPU).contiguous().data<double>().ToArray();

    private sealed record Slice(double Time, torch.Tensor Points, double[] Coordinates, torch.Tensor Inside, torch.Tensor? Reference, string? Comment, string? Note)
    {
        public double[]? Origin { get; init; }
        public double[]? Spacing { get; init; }
        public int[]? Dims { get; init; }
        public double[]? HiddenCells { get; init; }
    }

    /// <summary>The reference's nodes, grouped by time for a time-dependent problem.</summary>
    private List<Slice> ReferenceSlices(Abstractions.Reference.ReferenceData data, bool timeDependent)
    {
        var x = data.PointsTensor();
        var u = data.ValuesTensor();
        var spatial = timeDependent ? Enumerable.Range(1, data.InputDimension - 1).ToArray() : Enumerable.Range(0, data.InputDimension).ToArray();
        var note = spatial.Length > 3 ? $"a point cloud of the first three spatial coordinates ({string.Join(", ", spatial.Take(3).Select(j => data.InputNames[j]))})" : null;
        List<(double Time, torch.Tensor Rows)> groups = timeDependent
            ? x[.., 0].unique(sorted: true).Item1.data<double>().ToArray().Select(t => (t, x[.., 0].eq(t).nonzero().reshape(-1))).ToList()
            : [(0.0, torch.arange(x.shape[0], torch.int64))];
        var slices = new List<Slice>();
        foreach (var (t, rows) in groups)
        {
            var points = x.index_select(0, rows);
            var inside = torch.ones([points.shape[0]], torch.float64);
            slices.Add(new Slice(t, points, Coordinates(points, spatial), inside, u.index_select(0, rows),
                                 $"{model.Name}: reference nodes of {data.Source}{(timeDependent ? $" at t = {t}" : "")}", note));
        }
        return slices;
    }

    /// <summary>Image data on the bounding box of the evaluation domain, at <c>times</c> times for a time-dependent problem.</summary>
    private List<Slice> GridSlices(IProblem problem, bool timeDependent)
    {
        var (lower, upper) = problem.EvaluationDomain.Bounds;
        var offset = timeDependent ? 1 : 0;
        var spatial = problem.InputDimension - offset;
        var shown = Math.Min(spatial, 3);
        var n = resolution;
        var dims = new[] { 1, 1, 1 };
        var origin = new double[3];
        var spacing = new[] { 1.0, 1.0, 1.0 };
        for (var k = 0; k < shown; k++)
        {
            dims[k] = n;
            origin[k] = lower[offset + k];
            spacing[k] = (upper[offset + k] - lower[offset + k]) / (n - 1);
        }
        var centre = lower.Zip(upper, (a, b) => (a + b) / 2).ToArray();
        var note = spatial > 3
            ? $"a 3-D cut through the domain's centre along {string.Join(", ", problem.InputNames.Skip(offset).Take(3))}; "
              + FixedInputs.Describe(Enumerable.Range(offset + 3, spatial - 3).Select(j => (problem.InputNames[j], VtkXml.Format(centre[j]))).ToArray())
            : null;
        double[] timeValues = !timeDependent ? [double.NaN]
            : times == 1 ? [lower[0]] : Enumerable.Range(0, times).Select(i => lower[0] + (upper[0] - lower[0]) * i / (times - 1)).ToArray();
        var slices = new List<Slice>();
        foreach (var t in timeValues)
        {
            var points = Lattice(dims, origin, spacing, centre, offset, t, problem.InputDimension);
            var cellDims = dims.Select(d => Math.Max(d - 1, 1)).ToArray();
            var cellOrigin = origin.Select((o, k) => dims[k] > 1 ? o + spacing[k] / 2 : o).ToArray();
            var cellCentres = Lattice(cellDims, cellOrigin, spacing, centre, offset, t, problem.InputDimension);
            var domain = problem.EvaluationDomain;
            var inside = domain.Contains(points.to(model.Plan.Spec.DType), 1e-9).to(torch.float64);
            var hidden = domain.Contains(cellCentres.to(model.Plan.Spec.DType), 1e-9).logical_not().to(torch.float64) * VtkImageFile.HiddenCell;
            slices.Add(new Slice(t, points, [], inside, null,
                                 $"{model.Name}: {string.Join(" × ", dims.Take(Math.Max(shown, 1)))} grid{(timeDependent ? $" at t = {VtkXml.Format(t)}" : "")}"
                                 + (note is null ? "" : $"; {note}"), note)
            {
                Origin = origin, Spacing = spacing, Dims = dims, HiddenCells = Doubles(hidden),
            });
        }
        return slices;
    }

    /// <summary>Points of a dims[0] × dims[1] × dims[2] lattice (first axis fastest, as VTK orders them) as full input
    /// vectors [N, d]: time (if any) t, shown spatial axes from the lattice, other spatial axes at the centre.</summary>
    private static torch.Tensor Lattice(int[] dims, double[] origin, double[] spacing, double[] centre, int offset, double t, int d)
    {
        var axes = Enumerable.Range(0, 3).Select(k => torch.arange(dims[k], torch.float64) * spacing[k] + origin[k]).ToArray();
        var mesh = torch.meshgrid([axes[2], axes[1], axes[0]], indexing: "ij"); // z slowest, x fastest
        var flat = new[] { mesh[2].reshape(-1), mesh[1].reshape(-1), mesh[0].reshape(-1) };
        var n = flat[0].shape[0];
        var columns = new torch.Tensor[d];
        for (var j = 0; j < d; j++)
        {
            var k = j - offset;
            columns[j] = j < offset ? torch.full([n], t, torch.float64) : k < 3 ? flat[k] : torch.full([n], centre[j], torch.float64);
        }
        return torch.stack(columns, 1);
    }

    /// <summary>x [N, d] as [N, 3] VTK coordinates of the given spatial columns (missing ones 0).</summary>
    private static double[] Coordinates(torch.Tensor x, int[] spatial)
    {
        var n = x.shape[0];
        var xyz = torch.zeros([n, 3], torch.float64);
        for (var k = 0; k < Math.Min(3, spatial.Length); k++) xyz[.., k] = x[.., spatial[k]];
        return xyz.contiguous().data<double>().ToArray();
    }

    private static string Sanitised(string name)
        => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
