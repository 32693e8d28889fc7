namespace Pinn.Host.Benchmarks;

/// <summary>One row of <c>pinn bench kfac-step</c>.</summary>
/// <param name="Network">The hidden widths, e.g. "256-256-128-128".</param>
/// <param name="ParameterCount">D.</param>
/// <param name="Optimizer">The optimizer's plugin name.</param>
/// <param name="Steps">Steps taken (the median is over all of them, warm-up included).</param>
/// <param name="MedianMilliseconds">Median wall time of a step.</param>
/// <param name="MinMilliseconds">Fastest step after the first two.</param>
/// <param name="MaxMilliseconds">Slowest step after the first two.</param>
/// <param name="RatioVsAdam">Median over Adam's median at the same D (null without an Adam row).</param>
/// <param name="PeakMebibytes">Peak resident memory of the process during the run, MiB.</param>
/// <param name="PeakAboveStartMebibytes">That peak minus the resident memory when the run started, MiB.</param>
internal sealed record KfacStepMeasurement(string Network, long ParameterCount, string Optimizer, long Steps, double MedianMilliseconds,
                                           double MinMilliseconds, double MaxMilliseconds, double? RatioVsAdam, double? PeakMebibytes,
                                           double? PeakAboveStartMebibytes);
