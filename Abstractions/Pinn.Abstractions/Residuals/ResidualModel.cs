using Pinn.Abstractions.Derivatives;
using Pinn.Abstractions.Models;
using Pinn.Abstractions.Problems;
using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Residuals;

/// <summary>
/// The residual model of a network, a problem and a derivative engine at a set of points per condition.
/// With an engine that records layer tapes, J, Jv and Jᵀu come from the tapes (exact, one backward pass
/// per residual component); otherwise from autograd (J row by row, Jv by double backward), which is also
/// the reference <see cref="ReferenceJacobian"/> the taped route is tested against.
/// </summary>
public sealed class ResidualModel : IResidualModel, IDisposable
{
    private readonly IProblem _problem;
    private readonly IReadOnlyList<Condition> _conditions;
    private readonly IDerivativeEngine _engine;
    private readonly Dictionary<string, torch.Tensor> _points = [];
    private readonly Dictionary<string, torch.Tensor> _normals = [];
    private readonly Dictionary<string, double> _weights;
    private readonly Dictionary<string, double> _multipliers;
    private readonly Dictionary<string, torch.Tensor> _pointWeights = [];
    private readonly Dictionary<string, torch.Tensor> _extra = [];
    private readonly Dictionary<string, long> _components = [];
    private readonly torch.Tensor[] _trainable;

    /// <param name="problem">The conditions.</param>
    /// <param name="network">u_θ; its input and output dimensions must match the problem's.</param>
    /// <param name="engine">Computes the derivatives each condition requests; must support them all.</param>
    /// <param name="weights">w_c by condition name; conditions not named keep their own weight.</param>
    public ResidualModel(IProblem problem, Mlp network, IDerivativeEngine engine, IReadOnlyDictionary<string, double>? weights = null)
        : this(problem, network, engine, weights, null)
    {
    }

    /// <summary>
    /// The residual model of u = g + φ·N_θ (<paramref name="hardConstraint"/>): the conditions it replaces hold exactly and
    /// leave the loss (<see cref="Conditions"/> lists those that remain), and every derivative the others request is of u,
    /// composed from <paramref name="engine"/>'s derivatives of the network (exact, tapes included). Since 1.7.
    /// </summary>
    /// <param name="problem">The conditions.</param>
    /// <param name="network">u_θ (N_θ under a constraint); its input and output dimensions must match the problem's.</param>
    /// <param name="engine">Computes the derivatives each condition requests; must support them all and the network.</param>
    /// <param name="weights">w_c by condition name; conditions not named keep their own weight.</param>
    /// <param name="hardConstraint">The constraint, or null for the plain network u = N_θ.</param>
    public ResidualModel(IProblem problem, Mlp network, IDerivativeEngine engine, IReadOnlyDictionary<string, double>? weights, HardConstraint? hardConstraint)
    {
        if (network.InputDimension != problem.InputDimension || network.OutputDimension != problem.OutputDimension)
            throw new ArgumentException($"network {network.InputDimension}→{network.OutputDimension} does not fit the problem's "
                                        + $"{problem.InputDimension}→{problem.OutputDimension}");
        engine = ReflectedTapingEngine.Wrap(engine, network);
        if (hardConstraint is not null)
        {
            if (hardConstraint.Replaces.FirstOrDefault(r => problem.Conditions.All(c => c.Name != r)) is { } unknown)
                throw new ArgumentException($"the hard constraint replaces condition '{unknown}', which the problem does not have "
                                            + $"(its conditions: {string.Join(", ", problem.Conditions.Select(c => c.Name))})");
            engine = ConstrainedTapingEngine.Wrap(engine, hardConstraint);
        }
        _conditions = problem.Conditions.Where(c => hardConstraint is null || !hardConstraint.Replaces.Contains(c.Name)).ToArray();
        if (_conditions.Count == 0) throw new ArgumentException("the hard constraint replaces every condition: nothing is left to train on");
        if (engine.UnsupportedNetwork(network) is { } unserved) throw new ArgumentException($"the engine cannot differentiate this network: {unserved}");
        foreach (var c in _conditions)
        {
            foreach (var key in c.Request.Keys)
                if (engine.Unsupported(key) is { } why)
                    throw new ArgumentException($"condition '{c.Name}' needs {key}: {why}");
            if (c.Request.OutputsBeyond(problem.OutputDimension) is { } beyond)
                throw new ArgumentException($"condition '{c.Name}': {beyond}");
        }
        _problem = problem;
        _engine = engine;
        HardConstraint = hardConstraint;
        Network = network;
        Spec = network.Spec;
        _weights = _conditions.ToDictionary(c => c.Name, c => weights is not null && weights.TryGetValue(c.Name, out var w) ? w : c.Weight);
        _multipliers = _conditions.ToDictionary(c => c.Name, _ => 1.0);
        foreach (var p in problem.Parameters)
            _extra[p.Name] = torch.tensor(p.Initial, Spec.DType, Spec.Device).requires_grad_();
        _trainable = [.. network.Parameters, .. network.Slopes, .. problem.Parameters.Select(p => _extra[p.Name])];
        ParameterCount = _trainable.Sum(t => t.numel());
    }

    /// <summary>The conditions in the loss, in residual order: the problem's, less those a hard constraint replaces. Since 1.7.</summary>
    public IReadOnlyList<Condition> Conditions => _conditions;

    /// <summary>The hard constraint u = g + φ·N_θ the model trains, or null. Since 1.7.</summary>
    public HardConstraint? HardConstraint { get; }

    /// <summary>The network u_θ.</summary>
    public Mlp Network { get; }

    /// <summary>The problem.</summary>
    public IProblem Problem => _problem;

    /// <summary>The problem's extra parameters by name (leaf tensors that require grad).</summary>
    public IReadOnlyDictionary<string, torch.Tensor> ExtraParameters => _extra;

    /// <summary>Every trainable tensor in flat-vector order.</summary>
    public IReadOnlyList<torch.Tensor> Trainable => _trainable;

    /// <summary>θ's groups: each linear layer's weight and bias, then the activation slopes and the extra parameters (if any).</summary>
    public IReadOnlyList<Optimization.ParameterGroup> ParameterGroups
    {
        get
        {
            var groups = new List<Optimization.ParameterGroup>();
            long offset = 0;
            for (var l = 0; l < Network.Layers.Count; l++)
            {
                var length = Network.Layers[l].Weight.numel() + Network.Layers[l].Bias.numel();
                groups.Add(new($"layer{l}", offset, length));
                offset += length;
            }
            var slopes = Network.Slopes.Sum(a => a.numel());
            if (slopes > 0) groups.Add(new("slopes", offset, slopes));
            offset += slopes;
            if (ParameterCount > offset) groups.Add(new("problem", offset, ParameterCount - offset));
            return groups;
        }
    }

    /// <inheritdoc />
    public TensorSpec Spec { get; }

    /// <inheritdoc />
    public long ParameterCount { get; }

    /// <inheritdoc />
    public long ResidualCount => Blocks.Count == 0 ? 0 : Blocks[^1].Offset + Blocks[^1].Length;

    /// <inheritdoc />
    public IReadOnlyList<ResidualBlock> Blocks { get; private set; } = [];

    /// <summary>Sets the points x [N_c, d] of one condition (the model keeps its own detached copy).</summary>
    public void SetPoints(string condition, torch.Tensor x)
    {
        var c = ConditionNamed(condition);
        if (x.dim() != 2 || x.shape[1] != _problem.InputDimension || x.shape[0] < 1)
            throw new ArgumentException($"points of '{condition}': expected [N ≥ 1, {_problem.InputDimension}], got [{string.Join(", ", x.shape)}]");
        if (_points.Remove(condition, out var old)) old.Dispose();
        if (_normals.Remove(condition, out var oldNormals)) oldNormals.Dispose();
        if (_pointWeights.Remove(condition, out var oldWeights)) oldWeights.Dispose();   // they belonged to the old points
        _points[condition] = x.detach().to(Spec.DType, Spec.Device).clone().DetachFromDisposeScope();   // owned by the model
        if (NormalsAt(c, _points[condition]) is { } normals) _normals[condition] = normals.DetachFromDisposeScope();
        if (_points.Count == _conditions.Count) Blocks = ComputeBlocks();
    }

    /// <summary>The current points of a condition [N_c, d].</summary>
    public torch.Tensor Points(string condition) => _points[condition];

    /// <summary>λ_c by condition name: the multipliers a loss-weighting scheme set (1 until one does). The weight a
    /// condition enters r with is w_c·λ_c (<see cref="ResidualBlock.Weight"/>).</summary>
    public IReadOnlyDictionary<string, double> Multipliers => _multipliers;

    /// <summary>The point weights p [N_c] of a condition (a copy), or null when its points are unweighted. Drawing new
    /// points drops them.</summary>
    public torch.Tensor? PointWeights(string condition) => _pointWeights.TryGetValue(condition, out var p) ? p.clone() : null;

    /// <summary>
    /// Applies a loss-weighting update: multipliers λ_c ≥ 0 and point weights p_c [N_c] ≥ 0, all finite, for conditions
    /// of this problem; a condition's residuals then enter r scaled by √(w_c λ_c p_{c,i} / N_c). Checks everything before
    /// changing anything (<see cref="ArgumentException"/> naming the condition). <see cref="Blocks"/> becomes a new list,
    /// so optimizers that cache values of the old loss can tell.
    /// </summary>
    public void Apply(Weighting.WeightUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        EnsurePoints();
        var conditions = _conditions.Select(c => c.Name).ToHashSet();
        string Known(string name) => conditions.Contains(name) ? name
            : throw new ArgumentException($"weighting: no condition '{name}' (have: {string.Join(", ", conditions)})");
        foreach (var (name, lambda) in update.Multipliers ?? new Dictionary<string, double>())
        {
            Known(name);
            if (!double.IsFinite(lambda) || lambda < 0)
                throw new ArgumentException($"weighting: the multiplier of '{name}' is {lambda}; it must be finite and ≥ 0");
        }
        var weights = new Dictionary<string, torch.Tensor>();
        using (var scope = torch.NewDisposeScope())
        {
            foreach (var (name, p) in update.PointWeights ?? new Dictionary<string, torch.Tensor>())
            {
                var n = _points[Known(name)].shape[0];
                if (p.dim() != 1 || p.shape[0] != n)
                    throw new ArgumentException($"weighting: the point weights of '{name}' have shape [{string.Join(", ", p.shape)}], expected [{n}] (one per point)");
                var values = p.detach().to(Spec.DType, Spec.Device);
                if (!torch.isfinite(values).all().item<bool>() || (values < 0).any().item<bool>())
                    throw new ArgumentException($"weighting: the point weights of '{name}' must be finite and ≥ 0");
                weights[name] = values.clone().DetachFromDisposeScope();
            }
        }
        foreach (var (name, lambda) in update.Multipliers ?? new Dictionary<string, double>()) _multipliers[name] = lambda;
        foreach (var (name, p) in weights)
        {
            if (_pointWeights.Remove(name, out var old)) old.Dispose();
            _pointWeights[name] = p;
        }
        Blocks = ComputeBlocks();
    }

    /// <summary>What a loss-weighting scheme may ask of this model at the current θ (see <see cref="Weighting.IWeightingContext"/>).</summary>
    /// <param name="step">Steps taken so far.</param>
    /// <param name="pointsChanged">Whether points were drawn afresh since the scheme's last update.</param>
    public Weighting.IWeightingContext WeightingContext(long step, bool pointsChanged) => new ResidualWeightingContext(this, step, pointsChanged);

    /// <summary>w_c·λ_c.</summary>
    private double Weight(string condition) => _weights[condition] * _multipliers[condition];

    /// <summary>A condition's unscaled residual at its current points as rows [N_c, k] scaled by √(w_c λ_c p_i / N_c).</summary>
    private torch.Tensor Scaled(string condition, torch.Tensor residual)
    {
        var n = _points[condition].shape[0];
        var rows = residual.reshape(n, -1) * Math.Sqrt(Weight(condition) / n);
        return _pointWeights.TryGetValue(condition, out var p) ? rows * p.sqrt().unsqueeze(1) : rows;
    }

    /// <summary>w_c Σ_k ε_{i,k}² [N_c] at the condition's points, without a graph.</summary>
    internal torch.Tensor ConditionSquaredResiduals(string condition)
    {
        EnsurePoints();
        var c = ConditionNamed(condition);
        using var scope = torch.NewDisposeScope();
        var x = _points[condition];
        var r = ConditionResidual(c, x, _normals.GetValueOrDefault(condition), differentiable: false);
        return (r.reshape(x.shape[0], -1).square().sum([1L]) * _weights[condition]).MoveToOuterDisposeScope();
    }

    /// <summary>∇_θ (½ w_c mean_i |ε_i|²) [D] at the condition's points.</summary>
    internal torch.Tensor ConditionGradient(string condition)
    {
        EnsurePoints();
        var c = ConditionNamed(condition);
        using var scope = torch.NewDisposeScope();
        var x = _points[condition];
        var r = ConditionResidual(c, x, _normals.GetValueOrDefault(condition), differentiable: true);
        var loss = 0.5 * _weights[condition] / x.shape[0] * r.square().sum() + Anchor();
        return Flatten(torch.autograd.grad([loss], _trainable)).MoveToOuterDisposeScope();
    }

    /// <summary>w_c · (1/n) Σ_{i≤n} Σ_k ‖∂ε_{i,k}/∂θ‖² over the first n = min(N_c, maxPoints) points (all of a point set's):
    /// the rows of the condition's Jacobian, squared and summed, built in chunks that keep each under 2²² entries.</summary>
    internal double ConditionKernelTrace(string condition, int maxPoints)
    {
        if (maxPoints < 1) throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, "must be ≥ 1");
        EnsurePoints();
        var c = ConditionNamed(condition);
        var all = _points[condition];
        var n = c.Domain is Geometry.PointSet ? all.shape[0] : Math.Min(all.shape[0], maxPoints);
        var chunk = c.Domain is Geometry.PointSet ? n : Math.Max(1, (1L << 22) / Math.Max(1, _components[condition] * ParameterCount));
        var sum = 0.0;
        for (long start = 0; start < n; start += chunk)
        {
            using var scope = torch.NewDisposeScope();
            var length = Math.Min(chunk, n - start);
            var x = all.narrow(0, start, length);
            var normals = _normals.GetValueOrDefault(condition)?.narrow(0, start, length);
            using var linearization = _engine is ITapingDerivativeEngine taping
                ? (ILinearization)TapedLinearization.Build(Network, _trainable[Network.Parameters.Count..],
                                                           [tape => TapedResidual(c, x, normals, taping, tape).reshape(x.shape[0], -1)])
                : new AutogradLinearization(ConditionResidual(c, x, normals, differentiable: true) + Anchor(), _trainable);
            sum += linearization.Dense().square().sum().ToDouble();
        }
        return _weights[condition] * sum / n;
    }

    private Condition ConditionNamed(string condition)
        => _conditions.FirstOrDefault(c => c.Name == condition)
           ?? throw new ArgumentException($"no condition '{condition}' (have: {string.Join(", ", _conditions.Select(c => c.Name))})");

    /// <summary>
    /// |ε(x)| [N] of one condition at arbitrary points x [N, d] for the current θ: per point, the Euclidean
    /// norm of the unscaled residual's components (no √(w/N) factor). Evaluated without a graph in chunks
    /// of <paramref name="chunk"/> points, so memory stays bounded for large candidate sets; the model's
    /// points, blocks and parameters are left as they were. This is the <see cref="Sampling.ResidualProbe"/>
    /// the host hands adaptive samplers.
    /// </summary>
    public torch.Tensor ResidualNorms(string condition, torch.Tensor x, int chunk = 4096)
    {
        var c = ConditionNamed(condition);
        if (x.dim() != 2 || x.shape[1] != _problem.InputDimension || x.shape[0] < 1)
            throw new ArgumentException($"points of '{condition}': expected [N ≥ 1, {_problem.InputDimension}], got [{string.Join(", ", x.shape)}]");
        if (chunk < 1) throw new ArgumentOutOfRangeException(nameof(chunk), chunk, "must be ≥ 1");
        using var scope = torch.NewDisposeScope();
        var points = x.detach().to(Spec.DType, Spec.Device);
        var n = points.shape[0];
        var norms = new List<torch.Tensor>();
        for (long start = 0; start < n; start += chunk)
        {
            using var inner = torch.NewDisposeScope();
            var part = points.narrow(0, start, Math.Min(chunk, n - start));
            var residual = ConditionResidual(c, part, NormalsAt(c, part), differentiable: false).detach();
            norms.Add(residual.reshape(part.shape[0], -1).square().sum([1L]).sqrt().MoveToOuterDisposeScope());
        }
        return torch.cat(norms, 0).MoveToOuterDisposeScope();
    }

    private List<ResidualBlock> ComputeBlocks()
    {
        var blocks = new List<ResidualBlock>();
        long offset = 0;
        foreach (var c in _conditions)
        {
            var n = (int)_points[c.Name].shape[0];
            // Residual components per point are known only after one evaluation; measure them once.
            long length;
            using (var scope = torch.NewDisposeScope())
            {
                _components.Remove(c.Name);
                // A point set's residual may pair its rows with data, so it is only ever evaluated at all its points.
                var probe = c.Domain is Geometry.PointSet ? n : 1;
                _components[c.Name] = ConditionResidual(c, _points[c.Name][..probe], _normals.GetValueOrDefault(c.Name)?[..probe], differentiable: false).numel() / probe;
                length = _components[c.Name] * n;
            }
            blocks.Add(new ResidualBlock(c.Name, offset, length, n, Weight(c.Name)));
            offset += length;
        }
        return blocks;
    }

    private void EnsurePoints()
    {
        if (_points.Count != _conditions.Count)
            throw new InvalidOperationException("points are not set for every condition: "
                                                + string.Join(", ", _conditions.Where(c => !_points.ContainsKey(c.Name)).Select(c => c.Name)));
    }

    /// <summary>The unscaled residual of one condition at x (with the domain's normals there, if any), flattened to [N·k].</summary>
    private torch.Tensor ConditionResidual(Condition c, torch.Tensor x, torch.Tensor? normals, bool differentiable)
    {
        var inputs = Inputs(c, x, normals, points => Evaluate(c, points, differentiable));
        if (differentiable) return Checked(c, x, c.Residual(inputs)).reshape(-1);
        using var noGrad = torch.no_grad();
        return Checked(c, x, c.Residual(inputs)).reshape(-1);
    }

    /// <summary>What the residual of <paramref name="c"/> is given at x: the requested derivatives (one evaluation,
    /// at x and its image points together when the condition has an image), the normals and the extra parameters.</summary>
    private ResidualInputs Inputs(Condition c, torch.Tensor x, torch.Tensor? normals, Func<torch.Tensor, Derivatives.Derivatives> evaluate)
    {
        if (c.Image is null) return new ResidualInputs(x, evaluate(x), _extra) { Normals = normals! };
        var n = x.shape[0];
        var image = c.Image(x);
        if (image.dim() != 2 || image.shape[0] != n || image.shape[1] != x.shape[1])
            throw new ResidualContractException(c.Name, $"condition '{c.Name}' mapped {n} points to image points of shape [{string.Join(", ", image.shape)}], expected [{n}, {x.shape[1]}]");
        var both = evaluate(torch.cat([x, image], 0));
        return new ResidualInputs(x, Rows(both, c.Request, 0, n), _extra) { Normals = normals!, Image = Rows(both, c.Request, n, n) };
    }

    private static Derivatives.Derivatives Rows(Derivatives.Derivatives all, DerivativeRequest request, long start, long length)
        => new(all.Keys.ToDictionary(k => k, k => all[k].narrow(0, start, length)), request);

    /// <summary>The outward normals [N, d] of the condition's domain at x, or null when it has none.</summary>
    private static torch.Tensor? NormalsAt(Condition c, torch.Tensor x)
        => c.Domain is Geometry.IBoundaryDomain { HasNormals: true } boundary ? boundary.Normals(x).to(x.dtype, x.device) : null;

    /// <summary>The derivatives <paramref name="c"/> requests at x, [N, m_k] per key whatever the engine returned.</summary>
    private Derivatives.Derivatives Evaluate(Condition c, torch.Tensor x, bool differentiable)
        => _engine.Evaluate(Network, x, c.Request, differentiable).Conformed(c.Request, Network.OutputDimension);

    /// <summary>
    /// The residual of <paramref name="c"/> at x [N, d] as the contract wants it: [N] or [N, k] with k ≥ 1, in
    /// the run's dtype, with the k it had at one point. Anything else (say [N, N], [0], int64 or float32 in a
    /// float64 run) would train on wrong losses or reach libtorch with the wrong shape, so it is a
    /// <see cref="ResidualContractException"/>. Reads only the tensor's metadata.
    /// </summary>
    private torch.Tensor Checked(Condition c, torch.Tensor x, torch.Tensor residual)
    {
        var n = x.shape[0];
        var perPoint = _components.TryGetValue(c.Name, out var k) ? k : (long?)null;
        if (residual.dtype == Spec.DType && residual.dim() is 1 or 2 && residual.shape[0] == n && residual.numel() > 0
            && (perPoint is null || residual.numel() == n * perPoint)) return residual;
        throw new ResidualContractException(c.Name,
            $"condition '{c.Name}' returned a residual of shape [{string.Join(", ", residual.shape)}] and dtype {residual.dtype} "
            + $"for {n} points; a residual must be [{n}] or [{n}, k] with k ≥ 1{(perPoint is { } m ? $" (k = {m}, as at one point)" : "")}, in the run's dtype {Spec.DType}");
    }

    /// <inheritdoc />
    public torch.Tensor Residuals(bool differentiable)
    {
        EnsurePoints();
        using var scope = torch.NewDisposeScope();
        var parts = new List<torch.Tensor>();
        foreach (var c in _conditions)
        {
            var x = _points[c.Name];
            parts.Add(Scaled(c.Name, ConditionResidual(c, x, _normals.GetValueOrDefault(c.Name), differentiable)).reshape(-1));
        }
        var r = torch.cat(parts, 0);
        // Tie every parameter to r with a zero coefficient: autograd then never meets an unused input
        // (a libtorch error aborts the process) and gradients of unused parameters come out as zeros.
        if (differentiable) r = r + Anchor();
        return r.MoveToOuterDisposeScope();
    }

    private torch.Tensor Anchor()
    {
        var sum = _trainable[0].sum();
        for (var i = 1; i < _trainable.Length; i++) sum = sum + _trainable[i].sum();
        return sum * 0.0;
    }

    /// <inheritdoc />
    public LossReport Loss()
    {
        using var scope = torch.NewDisposeScope();
        return Report(Residuals(differentiable: false));
    }

    private LossReport Report(torch.Tensor r)
    {
        using var scope = torch.NewDisposeScope();
        var squares = r.detach().to(torch.float64).square();   // summed in float64 whatever the run's dtype
        var byCondition = new Dictionary<string, double>();
        var total = 0.0;
        foreach (var b in Blocks)
        {
            var part = 0.5 * squares.narrow(0, b.Offset, b.Length).sum().ToDouble();
            byCondition[b.Condition] = part;
            total += part;
        }
        return new LossReport(total, byCondition);
    }

    /// <inheritdoc />
    public (LossReport Loss, torch.Tensor Gradient) LossAndGradient()
    {
        using var scope = torch.NewDisposeScope();
        var r = Residuals(differentiable: true);
        var loss = 0.5 * r.dot(r);
        var grads = torch.autograd.grad([loss], _trainable);
        var flat = Flatten(grads);
        return (Report(r), flat.MoveToOuterDisposeScope());
    }

    /// <inheritdoc />
    public torch.Tensor LossesAlong(torch.Tensor direction, IReadOnlyList<double> stepSizes)
    {
        ShapeChecks.Vector(direction, ParameterCount, nameof(direction));
        using var scope = torch.NewDisposeScope();
        var theta = GetParameters();
        var losses = new double[stepSizes.Count];
        try
        {
            for (var i = 0; i < stepSizes.Count; i++)
            {
                SetParameters(theta + stepSizes[i] * direction);
                using var inner = torch.NewDisposeScope();
                var r = Residuals(differentiable: false);
                losses[i] = 0.5 * r.dot(r).ToDouble();
            }
        }
        finally
        {
            SetParameters(theta);
        }
        return torch.tensor(losses, torch.float64, Spec.Device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public ILinearization Linearize()
    {
        EnsurePoints();
        if (_engine is not ITapingDerivativeEngine taping) return new AutogradLinearization(Residuals(differentiable: true), _trainable);
        return TapedLinearization.Build(Network, _trainable[Network.Parameters.Count..], _conditions.Select(c =>
            new Func<LayerTape, torch.Tensor>(tape => Scaled(c.Name, TapedResidual(c, _points[c.Name], _normals.GetValueOrDefault(c.Name), taping, tape)))));
    }

    /// <summary>The unscaled residual of <paramref name="c"/> at x, its derivatives evaluated with layer tapes recorded on <paramref name="tape"/>.</summary>
    private torch.Tensor TapedResidual(Condition c, torch.Tensor x, torch.Tensor? normals, ITapingDerivativeEngine taping, LayerTape tape)
    {
        var inputs = Inputs(c, x, normals, points => taping.Evaluate(Network, points, c.Request, tape).Conformed(c.Request, Network.OutputDimension));
        return Checked(c, x, c.Residual(inputs));
    }

    /// <inheritdoc />
    public torch.Tensor Jacobian()
    {
        using var linearization = Linearize();
        return linearization.Dense();
    }

    /// <summary>J [M, D] row by row with autograd, whatever the engine: the reference for the taped route.</summary>
    public torch.Tensor ReferenceJacobian()
    {
        using var linearization = new AutogradLinearization(Residuals(differentiable: true), _trainable);
        return linearization.Dense();
    }

    /// <inheritdoc />
    public torch.Tensor JacobianTimes(torch.Tensor v)
    {
        using var linearization = Linearize();
        return linearization.Times(v);
    }

    /// <inheritdoc />
    public torch.Tensor JacobianTransposeTimes(torch.Tensor u)
    {
        using var linearization = Linearize();
        return linearization.TransposeTimes(u);
    }

    /// <inheritdoc />
    public torch.Tensor GetParameters()
    {
        using var scope = torch.NewDisposeScope();
        return torch.cat(_trainable.Select(p => p.detach().reshape(-1)).ToArray(), 0).clone().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void SetParameters(torch.Tensor theta)
    {
        ShapeChecks.Vector(theta, ParameterCount, nameof(theta));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        long offset = 0;
        foreach (var p in _trainable)
        {
            var n = p.numel();
            p.copy_(theta.narrow(0, offset, n).view(p.shape));
            offset += n;
        }
    }

    /// <inheritdoc />
    public void AddToParameters(torch.Tensor direction, double alpha)
    {
        ShapeChecks.Vector(direction, ParameterCount, nameof(direction));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        long offset = 0;
        foreach (var p in _trainable)
        {
            var n = p.numel();
            p.add_(direction.narrow(0, offset, n).view(p.shape), alpha);
            offset += n;
        }
    }

    private static torch.Tensor Flatten(IList<torch.Tensor> parts) => AutogradLinearization.Flatten(parts);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var t in _points.Values) t.Dispose();
        foreach (var t in _normals.Values) t.Dispose();
        foreach (var t in _extra.Values) t.Dispose();
        foreach (var t in _pointWeights.Values) t.Dispose();
        _pointWeights.Clear();
        _points.Clear();
        _normals.Clear();
    }
}
