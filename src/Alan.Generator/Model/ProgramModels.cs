namespace Alan.Generator.Model
{
    internal enum VariableKind { Latent, Data }

    /// <summary>What the generator knows about an Alan distribution type (read from its [Distribution] attribute).</summary>
    /// <param name="TypeName">Fully qualified type name, e.g. <c>global::Alan.Normal</c>.</param>
    /// <param name="ShortName">Display name, e.g. <c>Normal</c>.</param>
    /// <param name="Support">Numeric value of <c>Alan.Support</c>.</param>
    /// <param name="Qem">Its QEM family (from its <c>[QemFamily]</c> attribute), or null when QEM has no update for it.</param>
    /// <param name="QemSupported">
    /// Only read when <see cref="Qem"/> is null and the variable has [QemParam] arguments (else empty): the
    /// distribution types that do declare a QEM family, for the message.
    /// </param>
    /// <param name="Improper">An improper density (<c>Flat</c>, <c>HalfFlat</c>, or ordered draws of one): only a latent of P may have it.</param>
    /// <param name="FromComponents">
    /// The type's support, event rank and reparameterisation are its components' (<c>Mixture</c>, <c>Ordered</c>): after
    /// <see cref="Parse.ComponentSupportReader"/> they are the ones derived from the returned expression.
    /// </param>
    /// <param name="ComponentProblem">Why the support could not be derived from the components, and the fix (ALAN045); null when it was.</param>
    /// <param name="Transformed">For <c>Alan.Transformed</c>: its base and bijector as read from the return expression.</param>
    internal sealed record DistributionInfo(string TypeName, string ShortName, int Support, bool Reparameterised, int EventRank,
        QemFamilyInfo? Qem = null, EquatableArray<string> QemSupported = default, bool Improper = false, bool FromComponents = false,
        ComponentProblem? ComponentProblem = null, TransformedForm? Transformed = null)
    {
        /// <summary>
        /// False when the support could not be derived: a Transformed whose bijector type could not be read (ALAN046), or
        /// a Mixture/Ordered whose components do not say it (ALAN045).
        /// </summary>
        public bool SupportKnown => Transformed?.BijectorFault == null && ComponentProblem == null;
    }

    /// <summary>Why a distribution built from components has no support the generator can derive (ALAN045).</summary>
    /// <param name="Reason">What is wrong, e.g. "component 2 has the static type 'Alan.Distribution', which does not say its support".</param>
    /// <param name="Fix">What to write instead.</param>
    internal sealed record ComponentProblem(string Reason, string Fix);

    /// <summary>A distribution's QEM family, read from <c>[Alan.CompilerServices.QemFamily(family, parameters...)]</c>.</summary>
    /// <param name="Family">The <c>Alan.CompilerServices.QemFamily</c> member's name.</param>
    /// <param name="Parameters">The conventional parameter names in the order QEM uses them.</param>
    internal sealed record QemFamilyInfo(string Family, EquatableArray<string> Parameters);

    /// <summary>A <c>[Param]</c> or <c>[QemParam]</c>: on a method argument or on a plate class.</summary>
    /// <param name="Name">Explicit name (class-level parameters and <c>Name = ...</c>), or null.</param>
    /// <param name="Init">The attribute's value: every element's start, or the identity's scale (0 when none is given).</param>
    /// <param name="HasValue">The attribute gives a value (<c>[Param(0.5)]</c>), not only <c>Init</c>/<c>InitFrom</c>.</param>
    /// <param name="Identity"><c>Init = ParamInit.Identity</c>: identity matrices over the last two event dims.</param>
    /// <param name="InitFrom">The static member named by <c>InitFrom = ...</c>, or null.</param>
    /// <param name="MatrixArgument">
    /// "covarianceMatrix" or "scaleTril" when the argument is passed as that argument of a MultivariateNormal
    /// (a singular start would fail its Cholesky factorisation), else "".
    /// </param>
    internal sealed record ParamModel(string? Name, double Init, EquatableArray<long> Shape, bool IsQem, LocationInfo Location,
        bool HasValue = true, bool Identity = false, InitSourceModel? InitFrom = null, string MatrixArgument = "");

    /// <summary>The static member of a plate class a parameter starts from (<c>InitFrom = nameof(PriorMean)</c>).</summary>
    /// <param name="Member">The name given.</param>
    /// <param name="Problem">Why the member cannot be used ("" when it can): e.g. "is not static".</param>
    /// <param name="ValueType">The member's type as C# spells it in the accessor (Tensor or double[]).</param>
    /// <param name="IsMethod">The member is a parameterless method (called), not a field or property (read).</param>
    /// <param name="Accessor">The generated accessor, fully qualified: <c>global::Ns.Guide.__AlanInit_PriorMean</c>.</param>
    internal sealed record InitSourceModel(string Member, string Problem, string ValueType, bool IsMethod, string Accessor);

    /// <summary>One argument of a variable's method.</summary>
    /// <param name="Name">The C# parameter name (binds by the first-letter rule).</param>
    /// <param name="IsTensor">True when its type is <c>TorchSharp.torch.Tensor</c>.</param>
    /// <param name="RefKind">"" for a value parameter, else its modifier ("ref", "out", "in", "ref readonly").</param>
    internal sealed record ArgumentModel(string Name, bool IsTensor, string TypeName, ParamModel? Param, LocationInfo Location, string RefKind = "");

    /// <summary>A <c>[Latent]</c> or <c>[Data]</c> method.</summary>
    /// <param name="IsGeneric">The method has type parameters.</param>
    /// <param name="HasBothAttributes">The method carries both [Latent] and [Data] (<see cref="Kind"/> is then Latent).</param>
    /// <param name="Affine">A [Data] method's affine-Normal form (<see cref="AffineNormalForm"/>), when its syntax has it.</param>
    /// <param name="Timeseries">
    /// The init named by its <c>[Timeseries(init)]</c> ("" when the attribute names nothing), or null without the attribute (DESIGN 4.10).
    /// </param>
    /// <param name="Defect">When <see cref="Distribution"/> is null: why the return type is not an Alan distribution.</param>
    /// <param name="Factorizes">
    /// Its method builds a MultivariateNormal or calls <c>linalg</c>/<c>cholesky</c>: a matrix factorisation that can fail,
    /// so its accessor names the variable in a <c>FactorizationException</c>.
    /// </param>
    internal sealed record VariableModel(
        string Name,
        VariableKind Kind,
        string? Group,
        bool IsStatic,
        string ReturnTypeName,
        DistributionInfo? Distribution,
        EquatableArray<ArgumentModel> Arguments,
        LocationInfo Location,
        bool IsGeneric = false,
        bool HasBothAttributes = false,
        AffineNormalForm? Affine = null,
        string? Timeseries = null,
        DistributionDefect Defect = DistributionDefect.None,
        StartMethodModel? TimeseriesStart = null,
        bool Factorizes = false);

    /// <summary>Why a variable's return type is not an Alan distribution: ALAN003's fix depends on it.</summary>
    internal enum DistributionDefect
    {
        /// <summary>The return type is an Alan distribution.</summary>
        None,

        /// <summary>Neither derived from <c>Alan.Distribution</c> nor marked <c>[Distribution]</c> (a double, a Tensor).</summary>
        NotADistribution,

        /// <summary>Derived from <c>Alan.Distribution</c> without a <c>[Distribution]</c> attribute of its own.</summary>
        MissingAttribute,

        /// <summary>Marked <c>[Distribution]</c> without deriving from <c>Alan.Distribution</c>.</summary>
        NotDerived,
    }

    /// <summary>
    /// The method a self-starting timeseries names as its init (DESIGN 4.10): a method of the same plate class without
    /// [Latent]/[Data], whose distribution is the first element's.
    /// </summary>
    internal sealed record StartMethodModel(
        string Name,
        bool IsStatic,
        string ReturnTypeName,
        DistributionInfo? Distribution,
        EquatableArray<ArgumentModel> Arguments,
        LocationInfo Location,
        bool IsGeneric);

    /// <summary>An <c>[Input("Name")]</c> on a plate class.</summary>
    /// <param name="Shape">Its declared event shape (<c>Shape = new long[] { ... }</c>; empty: one scalar per plate element).</param>
    internal sealed record InputModel(string Name, LocationInfo Location, EquatableArray<long> Shape = default);

    /// <summary>A plate class (the root plate of a program has an empty <see cref="PlateName"/>).</summary>
    /// <param name="ClassName">The class's simple name.</param>
    /// <param name="PlateName">The plate name (class name) or "" for the root.</param>
    /// <param name="FullTypeName">Fully qualified, <c>global::</c>-prefixed.</param>
    /// <param name="IsAccessible">False when private/protected (generated code cannot reach it).</param>
    /// <param name="IsRecord">Declared as a record class (generated partials must say "record").</param>
    /// <param name="IsGeneric">The class has type parameters.</param>
    internal sealed record PlateModel(
        string ClassName,
        string PlateName,
        string FullTypeName,
        bool IsPartial,
        bool IsAccessible,
        EquatableArray<VariableModel> Variables,
        EquatableArray<InputModel> Inputs,
        EquatableArray<ParamModel> Params,
        EquatableArray<PlateModel> Children,
        LocationInfo Location,
        bool IsRecord = false,
        bool IsGeneric = false);

    /// <summary>A program root (P or Q) with the namespace and containing types needed to emit partials.</summary>
    /// <param name="Namespace">Namespace or "" for the global namespace.</param>
    /// <param name="ContainingTypes">Declarations of enclosing non-plate types, outermost first (e.g. "static partial class Models").</param>
    /// <param name="NonPartialContainers">Enclosing types that are not partial (generated partials cannot extend them).</param>
    /// <param name="GenericContainers">Enclosing types with type parameters (generated code cannot name their type arguments).</param>
    /// <param name="ContainerNames">The enclosing non-plate types' names (unescaped), outermost first.</param>
    internal sealed record ProgramModel(string Namespace, EquatableArray<string> ContainingTypes, PlateModel Root, EquatableArray<NamedLocation> NonPartialContainers = default, EquatableArray<NamedLocation> GenericContainers = default, EquatableArray<string> ContainerNames = default);

    /// <summary>A named declaration and where it is.</summary>
    internal sealed record NamedLocation(string Name, LocationInfo Location);

    /// <summary>A <c>[Problem(typeof(P), typeof(Q))]</c> class.</summary>
    /// <param name="P">The parsed P program, or null when typeof(P) is not a program root.</param>
    /// <param name="Q">The parsed Q program, or null when typeof(Q) is not a program root.</param>
    /// <param name="BaseType">The base class the user declared ("" when none: the generated part derives from torch.nn.Module).</param>
    /// <param name="Derived">For <c>[Problem(typeof(P))]</c>: the guide derived from P (null when it could not be).</param>
    /// <param name="DerivationDiagnostics">Why the guide could not be derived (ALAN052-054), or ALAN055 saying it was.</param>
    internal sealed record ProblemModel(
        string Namespace,
        string ClassName,
        string Accessibility,
        bool IsPartial,
        bool IsNested,
        string PTypeDisplay,
        string QTypeDisplay,
        ProgramModel? P,
        ProgramModel? Q,
        LocationInfo Location,
        bool IsStatic = false,
        bool IsGeneric = false,
        bool IsRecord = false,
        string BaseType = "",
        AutoGuide.DerivedGuideModel? Derived = null,
        EquatableArray<DiagnosticInfo> DerivationDiagnostics = default);
}
