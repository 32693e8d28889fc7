using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinn.Host.Training;

/// <summary>
/// How far a run has come, as a checkpoint header records it: enough, with the parameters, points,
/// generators and optimizer state, to continue the same trajectory.
/// </summary>
/// <param name="Step">Steps taken over all stages.</param>
/// <param name="Stage">Index of the stage the run is in (the last one once every stage has ended).</param>
/// <param name="StageSteps">Steps taken within that stage; its step budget counts them.</param>
/// <param name="StageSeconds">Wall time spent in that stage; its seconds budget counts it.</param>
/// <param name="Seconds">Wall time of training over all stages (the seconds column of metrics.csv).</param>
/// <param name="BestRelL2">Smallest relative L2 error seen at an evaluation, if any.</param>
/// <param name="LastRelL2">Relative L2 error at the latest evaluation, if any.</param>
/// <param name="StageStoppedBecause">The optimizer's reason when it ended that stage itself (a stop
/// reason or a non-finite loss); null while the stage runs or when a budget ended it. A resumed run
/// moves past a stage its optimizer ended instead of asking it again.</param>
internal sealed record RunProgress(long Step, int Stage, long StageSteps, double StageSeconds, double Seconds,
                                   double? BestRelL2, double? LastRelL2, string? StageStoppedBecause)
{
    /// <summary>A run that has not taken a step.</summary>
    public static RunProgress Start { get; } = new(0, 0, 0, 0, 0, null, null, null);

    /// <summary>Adds the fields to a checkpoint header. A non-finite error (a run that diverged) is written as null:
    /// JSON has no NaN or infinity.</summary>
    public void WriteTo(JsonObject header)
    {
        header["step"] = Step;
        header["stage"] = Stage;
        header["stageSteps"] = StageSteps;
        header["stageSeconds"] = StageSeconds;
        header["seconds"] = Seconds;
        header["bestRelL2"] = Finite(BestRelL2);
        header["lastRelL2"] = Finite(LastRelL2);
        header["stageStoppedBecause"] = StageStoppedBecause;
    }

    /// <summary>
    /// Reads the fields of a checkpoint header and checks their ranges: step, stage ≥ 0, 0 ≤ stageSteps ≤ step,
    /// seconds and stageSeconds finite and ≥ 0, bestRelL2 and lastRelL2 finite or null. Anything else is an
    /// <see cref="InvalidDataException"/> naming <paramref name="file"/> and the field.
    /// </summary>
    public static RunProgress ReadFrom(JsonObject header, string file)
    {
        InvalidDataException Bad(string key, string why) => new($"{file}: the checkpoint header's \"{key}\" {why}");
        JsonNode Required(string key) => header[key]
            ?? throw new InvalidDataException($"{file}: the checkpoint header has no \"{key}\" (written by a host that could not resume)");
        long Whole(string key, long max)
        {
            var node = Required(key);
            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out long n))
                throw Bad(key, $"is {node.ToJsonString()}, not a whole number");
            if (n < 0 || n > max) throw Bad(key, $"is {n}, outside [0, {max}]");
            return n;
        }
        double? Real(string key, bool required)
        {
            var node = required ? Required(key) : header[key];
            if (node is null) return null;
            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out double x) || !double.IsFinite(x))
                throw Bad(key, $"is {node.ToJsonString()}, not a finite number");
            if (x < 0) throw Bad(key, $"is {x}, negative");
            return x;
        }

        var step = Whole("step", long.MaxValue);
        var stage = (int)Whole("stage", int.MaxValue);
        var stageSteps = Whole("stageSteps", long.MaxValue);
        if (stageSteps > step) throw Bad("stageSteps", $"is {stageSteps}, more than the run's {step} steps");
        var stageSeconds = Real("stageSeconds", required: true)!.Value;
        var seconds = Real("seconds", required: true)!.Value;
        var stopped = header["stageStoppedBecause"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            var other => throw Bad("stageStoppedBecause", $"is {other.ToJsonString()}, not a string or null"),
        };
        return new RunProgress(step, stage, stageSteps, stageSeconds, seconds, Real("bestRelL2", required: false), Real("lastRelL2", required: false), stopped);
    }

    private static double? Finite(double? x) => x is { } v && double.IsFinite(v) ? v : null;
}
