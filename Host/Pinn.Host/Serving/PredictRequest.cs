using System.Text.Json;

namespace Pinn.Host.Serving;

/// <summary>
/// The body of <c>POST /predict</c>, read and checked by hand so that every mistake gets a message naming where it is:
/// <c>{"points": [[x₁, …, x_d], …], "derivatives": ["u_x", …]}</c> (derivatives optional).
/// </summary>
internal sealed record PredictRequest(double[] Values, int Rows, IReadOnlyList<string> Derivatives)
{
    /// <summary>Mistakes in the points listed before the rest are only counted.</summary>
    public const int MaxPointErrors = 20;

    /// <summary>Parses <paramref name="body"/> for a model of <paramref name="width"/> inputs named <paramref name="inputs"/>,
    /// adding every mistake to <paramref name="errors"/>. Null when the body is not a JSON object at all; otherwise the
    /// request, whose points are only meaningful when no mistake was added.</summary>
    public static PredictRequest? Parse(ReadOnlySpan<byte> body, int width, IReadOnlyList<string> inputs, int maxPoints, List<string> errors)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            errors.Add($"the body is not valid JSON: {e.Message}");
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("the body must be a JSON object {\"points\": [[...], ...]}");
                return null;
            }
            foreach (var property in root.EnumerateObject())
                if (property.Name is not ("points" or "derivatives"))
                    errors.Add($"unknown field '{property.Name}' (allowed: points, derivatives)");
            var (values, rows) = Points(root, width, inputs, maxPoints, errors);
            return new PredictRequest(values, rows, DerivativeNames(root, errors));
        }
    }

    private static (double[] Values, int Rows) Points(JsonElement root, int width, IReadOnlyList<string> inputs, int maxPoints, List<string> errors)
    {
        if (!root.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"'points' must be an array of points, each an array of {width} numbers ({string.Join(", ", inputs)})");
            return ([], 0);
        }
        var rows = points.GetArrayLength();
        if (rows == 0) errors.Add("'points' is empty");
        if (rows > maxPoints)
        {
            errors.Add($"'points' has {rows} points, more than the {maxPoints} a request may have");
            return ([], 0);
        }
        var values = new double[rows * width];
        var (listed, more) = (0, 0);
        void Mistake(string text)
        {
            if (listed++ < MaxPointErrors) errors.Add(text);
            else more++;
        }
        var i = 0;
        foreach (var point in points.EnumerateArray())
        {
            if (point.ValueKind != JsonValueKind.Array || point.GetArrayLength() != width)
                Mistake($"points[{i}] must be an array of {width} numbers ({string.Join(", ", inputs)})"
                        + (point.ValueKind == JsonValueKind.Array ? $", it has {point.GetArrayLength()}" : ""));
            else
            {
                var j = 0;
                foreach (var coordinate in point.EnumerateArray())
                {
                    if (coordinate.ValueKind != JsonValueKind.Number || !coordinate.TryGetDouble(out var v) || !double.IsFinite(v))
                        Mistake($"points[{i}][{j}] ({inputs[j]}) is not a finite number");
                    else values[i * width + j] = v;
                    j++;
                }
            }
            i++;
        }
        if (more > 0) errors.Add($"… and {more} more mistakes in 'points'");
        return (values, rows);
    }

    private static List<string> DerivativeNames(JsonElement root, List<string> errors)
    {
        var derivatives = new List<string>();
        if (!root.TryGetProperty("derivatives", out var list)) return derivatives;
        if (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(name => name.ValueKind != JsonValueKind.String))
        {
            errors.Add("'derivatives' must be an array of names such as \"u_x\"");
            return derivatives;
        }
        derivatives.AddRange(list.EnumerateArray().Select(name => name.GetString()!));
        return derivatives;
    }
}
