using Pinn.Abstractions.Models;
using Pinn.Host.Manifests;

namespace Pinn.Host.Benchmarks;

/// <summary>Changes a benchmark makes to a validated run plan: the initialisation, the time budget.</summary>
internal static class RunPlanOverrides
{
    /// <summary>The plan with <c>model.init</c> = <paramref name="init"/>.</summary>
    public static RunPlan WithInit(RunPlan plan, Initialization init)
        => plan with { Manifest = plan.Manifest with { Model = plan.Manifest.Model! with { Init = init } } };

    /// <summary>The plan with <paramref name="threads"/> torch threads when its manifest sets none: a benchmark's runs keep
    /// the count they are timed with instead of following the free cores.</summary>
    public static RunPlan WithThreads(RunPlan plan, int threads)
        => plan.Manifest.Threads is null ? plan with { Manifest = plan.Manifest with { Threads = threads } } : plan;

    /// <summary>
    /// The plan with its stages' seconds budgets scaled so that they add up to <paramref name="seconds"/>:
    /// a 30 s + 30 s manifest run for 5 s gets 2.5 s + 2.5 s. Stages without a seconds budget keep only their
    /// steps budget; a manifest with no seconds budget at all gets <paramref name="seconds"/> split equally
    /// over its stages. Steps budgets are kept.
    /// </summary>
    public static RunPlan WithTotalSeconds(RunPlan plan, double seconds)
    {
        var total = plan.Stages.Sum(s => s.Budget.Seconds ?? 0);
        Budget Scaled(Budget b) => total > 0
            ? b.Seconds is { } s ? b with { Seconds = seconds * s / total } : b
            : b with { Seconds = seconds / plan.Stages.Count };
        return plan with
        {
            Stages = plan.Stages.Select(s => s with { Budget = Scaled(s.Budget) }).ToArray(),
            Manifest = plan.Manifest with { Stages = plan.Manifest.Stages.Select(s => s with { Budget = Scaled(s.Budget) }).ToArray() },
        };
    }
}
