using System.Globalization;
using System.Text;
using TorchSharp;

namespace Pinn.Host.Inference;

/// <summary>
/// The fields of a trained model at given points, as a table: the input columns, then the outputs, then any
/// requested derivatives. Points outside the problem's evaluation domain are counted (<see cref="Outside"/>),
/// not dropped: the caller warns or refuses.
/// </summary>
internal sealed class Prediction
{
    private Prediction(torch.Tensor points, IReadOnlyList<string> names, IReadOnlyList<torch.Tensor> columns, long outside, long firstOutside)
    {
        Points = points;
        Names = names;
        Columns = columns;
        Outside = outside;
        FirstOutside = firstOutside;
    }

    /// <summary>The points [N, d] (float64, CPU).</summary>
    public torch.Tensor Points { get; }

    /// <summary>Names of the computed columns (outputs, then derivatives).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>One [N] tensor per name (float64, CPU).</summary>
    public IReadOnlyList<torch.Tensor> Columns { get; }

    /// <summary>How many points lie outside the evaluation domain (tolerance 1e-9).</summary>
    public long Outside { get; }

    /// <summary>Row index (0-based) of the first such point, or −1.</summary>
    public long FirstOutside { get; }

    /// <summary>Evaluates the outputs and <paramref name="derivatives"/> of <paramref name="model"/> at x [N, d].</summary>
    public static Prediction Of(TrainedModel model, torch.Tensor x, IReadOnlyList<FieldQuantity> derivatives)
    {
        var outputs = FieldQuantity.Outputs(model.Problem);
        var quantities = outputs.Concat(derivatives).ToArray();
        var columns = model.Evaluate(x, quantities);
        using var inside = model.Problem.EvaluationDomain.Contains(x.to(model.Plan.Spec.DType), 1e-9);
        using var outsideMask = inside.logical_not();
        var outside = outsideMask.sum().item<long>();
        var first = outside == 0 ? -1 : outsideMask.nonzero()[0, 0].item<long>();
        return new Prediction(x.to(torch.float64, torch.CPU), quantities.Select(q => q.Name).ToArray(), columns, outside, first);
    }

    /// <summary>The table as CSV: header <c>inputs…,fields…</c>, then one row per point with round-trip numbers.</summary>
    public void WriteCsv(TextWriter writer, IReadOnlyList<string> inputNames)
    {
        writer.WriteLine(string.Join(",", inputNames.Concat(Names)));
        var d = (int)Points.shape[1];
        var n = (int)Points.shape[0];
        var points = Points.to(torch.float64).contiguous().data<double>().ToArray();
        var columns = Columns.Select(c => c.to(torch.float64).contiguous().data<double>().ToArray()).ToArray();
        var line = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            line.Clear();
            for (var j = 0; j < d; j++) line.Append(points[i * d + j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            for (var k = 0; k < columns.Length; k++)
            {
                line.Append(columns[k][i].ToString("R", CultureInfo.InvariantCulture));
                if (k < columns.Length - 1) line.Append(',');
            }
            writer.WriteLine(line);
        }
    }
}
