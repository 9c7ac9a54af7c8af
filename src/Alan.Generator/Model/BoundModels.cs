namespace Alan.Generator.Model
{
    /// <summary>Where an argument of a model method takes its value from, as the checker resolved it.</summary>
    internal enum ArgumentSource
    {
        /// <summary>A latent of the same program.</summary>
        Latent,
        /// <summary>An observed variable of P.</summary>
        Data,
        /// <summary>An [Input] on an enclosing plate (of either program).</summary>
        Input,
        /// <summary>The argument's own [Param]/[QemParam].</summary>
        OwnParam,
        /// <summary>A class-level [Param("Name", init)] on an enclosing plate of the same program.</summary>
        PlateParam,
        /// <summary>A timeseries latent's <c>prev</c>: itself at the previous element (its init at the first, DESIGN 4.10).</summary>
        Previous,
    }

    /// <summary>One argument of a variable's method and what it binds to.</summary>
    /// <param name="Name">The C# parameter name.</param>
    /// <param name="Target">The latent, data, input or plate parameter it names (the argument's own name for <see cref="ArgumentSource.OwnParam"/>).</param>
    /// <param name="Plate">The plate the target lives on ("" for the root).</param>
    internal sealed record BoundArgument(string Name, ArgumentSource Source, string Target, string Plate);

    /// <summary>A variable with every argument resolved, in declaration order.</summary>
    /// <param name="StartArguments">A self-starting timeseries' start method's arguments (bound like the variable's), else empty.</param>
    internal sealed record BoundVariable(string Name, string Plate, EquatableArray<BoundArgument> Arguments, EquatableArray<BoundArgument> StartArguments = default);

    /// <summary>A Q group: a particle dimension shared by its latents (DESIGN 4.1), in Q's sampling order.</summary>
    internal sealed record BoundGroup(string Name, string Plate, EquatableArray<string> Members);

    /// <summary>
    /// The binding the problem checker computed, handed to the planner so nothing is bound twice. It exists only
    /// for a problem whose own checks found no errors, so every argument of every variable is resolved.
    /// </summary>
    /// <param name="P">P's variables, in pre-order over P's plates and declaration order within a plate.</param>
    /// <param name="Q">Q's variables, in the same order over Q.</param>
    /// <param name="Groups">Q's groups in sampling order.</param>
    internal sealed record BoundProblem(ProblemModel Problem, EquatableArray<BoundVariable> P, EquatableArray<BoundVariable> Q, EquatableArray<BoundGroup> Groups);
}
