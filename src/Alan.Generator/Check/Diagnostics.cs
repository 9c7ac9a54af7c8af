using Microsoft.CodeAnalysis;

namespace Alan.Generator.Check
{
    /// <summary>
    /// Every diagnostic the generator reports, with stable IDs. Message arguments are strings
    /// (<see cref="Model.DiagnosticInfo.Arguments"/>); each message names the offending member and the fix.
    /// IDs are never reused or renumbered.
    /// </summary>
    internal static class Diagnostics
    {
        private const string Category = "Alan";

        private static DiagnosticDescriptor Error(string id, string title, string message, string description) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: description,
                helpLinkUri: RepositoryInfo.DiagnosticsHelpLink);

        private static DiagnosticDescriptor Warning(string id, string title, string message, string description) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, description: description,
                helpLinkUri: RepositoryInfo.DiagnosticsHelpLink);

        private static DiagnosticDescriptor Info(string id, string title, string message, string description) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, description: description,
                helpLinkUri: RepositoryInfo.DiagnosticsHelpLink);

        /// <summary>{0} plate class.</summary>
        public static readonly DiagnosticDescriptor NonPartialPlate = Error(
            "ALAN001", "Plate class must be partial",
            "Plate class '{0}' must be declared partial so that Alan can generate code for it; add the 'partial' modifier",
            "Every [Plate] class (program roots and nested plates) is completed by generated code and must be partial.");

        /// <summary>{0} variable, {1} attribute ("Latent" or "Data").</summary>
        public static readonly DiagnosticDescriptor VariableNotStatic = Error(
            "ALAN002", "Latent and data methods must be static",
            "[{1}] method '{0}' must be static; add the 'static' modifier",
            "[Latent] and [Data] methods describe a distribution from their arguments only and must be static.");

        /// <summary>{0} variable, {1} attribute, {2} declared return type, {3} what is wrong with it and the fix.</summary>
        public static readonly DiagnosticDescriptor NotADistribution = Error(
            "ALAN003", "Latent and data methods must return an Alan distribution",
            "[{1}] method '{0}' returns '{2}', {3}",
            "The return type of a [Latent] or [Data] method must be a type deriving from Alan.Distribution and marked [Distribution] "
            + "(Normal, Gamma, Bernoulli, ..., or a user-defined distribution: docs/custom-distributions.md).");

        /// <summary>{0} argument, {1} variable, {2} hint ("did you mean 'X'" or how to declare it).</summary>
        public static readonly DiagnosticDescriptor UnknownName = Error(
            "ALAN004", "Argument names nothing in scope",
            "Argument '{0}' of '{1}' does not name a latent, data variable, input or parameter; {2}",
            "Every argument binds to the member whose name equals it with the first letter upper-cased (stateMean binds StateMean) or exactly.");

        /// <summary>{0} argument, {1} variable, {2} target, {3} reason and fix.</summary>
        public static readonly DiagnosticDescriptor OutOfScope = Error(
            "ALAN005", "Dependency is not in scope",
            "Argument '{0}' of '{1}' refers to '{2}', which {3}",
            "A variable may depend only on variables declared earlier in its own plate or in an enclosing plate, and on inputs of enclosing plates.");

        /// <summary>{0} argument, {1} variable, {2} the cycle ("A -> B -> A").</summary>
        public static readonly DiagnosticDescriptor Cycle = Error(
            "ALAN006", "Cyclic dependency",
            "Argument '{0}' of '{1}' creates a dependency cycle {2}; remove one of these dependencies",
            "Variables are sampled in declaration order, so dependencies must form a directed acyclic graph.");

        /// <summary>{0} argument, {1} variable, {2} data variable.</summary>
        public static readonly DiagnosticDescriptor PDependsOnData = Error(
            "ALAN007", "The model P depends on observed data",
            "Argument '{0}' of '{1}' refers to the observed variable '{2}'; the generative model P may not depend on [Data] variables, use a latent or an [Input] instead",
            "Observed variables are leaves of the generative model; covariates are declared with [Input].");

        /// <summary>{0} plate, {1} Q program, {2} what is wrong.</summary>
        public static readonly DiagnosticDescriptor PlateTreeMismatch = Error(
            "ALAN008", "Plate of Q does not match P",
            "Plate '{0}' of the proposal '{1}' {2}; every plate of Q must exist in P with the same nesting",
            "Q mirrors P: each Q plate must be a plate of P with the same parent plate (Q may omit plates that hold no Q latents).");

        /// <summary>{0} latent, {1} P program, {2} Q program, {3} where to declare it ("'G'" or "plate 'P1' of 'G'").</summary>
        public static readonly DiagnosticDescriptor LatentMissingFromQ = Error(
            "ALAN009", "Latent of P missing from Q",
            "Latent '{0}' of the model '{1}' has no counterpart in the proposal '{2}'; declare a [Latent] static method '{0}' in {3}",
            "Q must give every latent of P a distribution, in the same plate.");

        /// <summary>{0} variable, {1} Q program, {2} P program.</summary>
        public static readonly DiagnosticDescriptor QVariableNotInP = Error(
            "ALAN010", "Variable of Q absent from P",
            "Latent '{0}' of the proposal '{1}' is not a variable of the model '{2}'; remove it from Q or declare it in P",
            "Q may only declare latents that P declares.");

        /// <summary>{0} variable, {1} Q program, {2} reason.</summary>
        public static readonly DiagnosticDescriptor DataInQ = Error(
            "ALAN011", "Data variable given a distribution in Q",
            "Variable '{0}' of the proposal '{1}' {2}; Q proposes latents only, remove '{0}' from Q",
            "Observed variables are not proposed: Q must not declare [Data] variables or give P's [Data] variables a distribution.");

        /// <summary>{0} latent, {1} P support, {2} P distribution, {3} Q support, {4} Q distribution.</summary>
        public static readonly DiagnosticDescriptor SupportMismatch = Error(
            "ALAN012", "P and Q disagree on a latent's support",
            "Latent '{0}' has support {1} in P ({2}) but support {3} in Q ({4}); use a Q distribution with support {1}",
            "The proposal must place mass where the model does: the distributions of a latent in P and Q must have the same support.");

        /// <summary>{0} name, {1} what this member is, {2} what it clashes with.</summary>
        public static readonly DiagnosticDescriptor DuplicateName = Error(
            "ALAN013", "Duplicate name",
            "The name '{0}' of {1} is already used by {2}; plate, variable, group, input and parameter names share one namespace per problem, rename one of them",
            "Plate, variable, group, input and parameter names form one namespace per problem.");

        /// <summary>{0} problem, {1} type, {2} role ("P (the model)" or "Q (the proposal)").</summary>
        public static readonly DiagnosticDescriptor NotAProgramRoot = Error(
            "ALAN014", "Problem type is not a program root",
            "Problem '{0}' names '{1}' as {2}, but it is not a program root; pass a top-level [Plate] partial class (not nested in another plate)",
            "[Problem(typeof(P), typeof(Q))] must name two [Plate] classes that are not nested in other plates.");

        /// <summary>{0} argument, {1} variable, {2} a QEM argument.</summary>
        public static readonly DiagnosticDescriptor QemMixed = Error(
            "ALAN015", "QEM and non-QEM arguments mixed",
            "Argument '{0}' of '{1}' is not a [QemParam] but '{2}' is; if one argument of a distribution is a QEM parameter all must be, mark '{0}' [QemParam(init)]",
            "QEM updates a distribution's parameters as a whole by moment matching, so all its arguments must be QEM parameters.");

        /// <summary>{0} latent, {1} group, {2} this plate, {3} the group's other plate.</summary>
        public static readonly DiagnosticDescriptor GroupSpansPlates = Error(
            "ALAN016", "Group spans plates",
            "Latent '{0}' in plate '{2}' is in group '{1}', which already has latents in plate '{3}'; the latents of a group must all be in one plate, rename the group",
            "Latents of one group share a particle dimension, so they must live on the same plate.");

        /// <summary>{0} problem class.</summary>
        public static readonly DiagnosticDescriptor NonPartialProblem = Error(
            "ALAN017", "Problem class must be partial",
            "Problem class '{0}' must be declared partial so that Alan can generate its inference code; add the 'partial' modifier",
            "The [Problem] class is completed by generated code and must be partial.");

        /// <summary>{0} argument, {1} variable, {2} argument type.</summary>
        public static readonly DiagnosticDescriptor ArgumentNotTensor = Error(
            "ALAN018", "Argument must be a Tensor",
            "Argument '{0}' of '{1}' has type '{2}'; every argument of a [Latent] or [Data] method must be a TorchSharp Tensor",
            "Arguments are dependencies, inputs or parameters, which are all tensors with hidden batch dimensions.");

        /// <summary>{0} plate class.</summary>
        public static readonly DiagnosticDescriptor InaccessiblePlate = Error(
            "ALAN019", "Plate class is not accessible",
            "Plate class '{0}' (or a type containing it) is private or protected, so generated code cannot reach it; make it public or internal",
            "Generated problem code calls the model methods through accessors on the plate classes, which must be reachable from the assembly.");

        /// <summary>{0} problem class.</summary>
        public static readonly DiagnosticDescriptor NestedProblem = Error(
            "ALAN020", "Problem class must be top-level",
            "Problem class '{0}' is nested in another type; declare [Problem] classes at namespace level",
            "Generated problem code supports top-level problem classes only.");

        /// <summary>{0} latent, {1} Q plate, {2} P plate, {3} where to declare it in Q.</summary>
        public static readonly DiagnosticDescriptor LatentPlateMismatch = Error(
            "ALAN021", "Latent is in different plates in P and Q",
            "Latent '{0}' is in plate '{1}' in Q but in plate '{2}' in P; declare it in {3}",
            "Q must declare every latent in the same plate as P.");

        /// <summary>{0} what ("[Input]" or "[Param]"), {1} plate class, {2} the name given, {3} example.</summary>
        public static readonly DiagnosticDescriptor InvalidName = Error(
            "ALAN022", "Missing or invalid name",
            "{0} on plate '{1}' has the name '{2}', which is not a valid C# identifier; give it a name such as {3}",
            "Inputs, parameter names and group names are referenced by method arguments and generated members, so they must be identifiers.");

        /// <summary>{0} variable, {1} distribution, {2} supported families.</summary>
        public static readonly DiagnosticDescriptor QemUnsupported = Error(
            "ALAN023", "QEM not supported for this distribution",
            "'{0}' has [QemParam] arguments, but QEM has no moment-matching update for {1}; use [Param] (gradient training) or one of: {2}",
            "QEM updates exist for the distribution types that declare a QEM family (with [QemFamily] on the runtime type); the message lists them.");

        /// <summary>{0} variable, {1} distribution, {2} expected parameter names.</summary>
        public static readonly DiagnosticDescriptor QemArguments = Error(
            "ALAN024", "QEM arguments do not match the distribution",
            "The [QemParam] arguments of '{0}' must be the {1} parameters ({2}), one argument each, named so or in that order",
            "QEM sets a distribution's conventional parameters from moving averages of its sufficient statistics, so every parameter must be a QEM argument.");

        /// <summary>{0} enclosing type, {1} program root.</summary>
        public static readonly DiagnosticDescriptor NonPartialContainer = Error(
            "ALAN025", "Type enclosing a program must be partial",
            "Type '{0}' encloses the program '{1}' and must be declared partial so that Alan can generate code inside it; add the 'partial' modifier (or move '{1}' out of it)",
            "Generated code for a program root is emitted as partial declarations of the root and every type that encloses it.");

        /// <summary>{0} plate class, {1} what is generic ("has type parameters" or "is nested in the generic type 'X'").</summary>
        public static readonly DiagnosticDescriptor GenericPlate = Error(
            "ALAN026", "Plate class must not be generic",
            "Plate class '{0}' {1}; generated code cannot supply type arguments, declare plate classes and the types enclosing them without type parameters",
            "Generated code names plate classes and calls their methods directly, so neither they nor their enclosing types may be generic.");

        /// <summary>{0} name, {1} what it names ("latent", "plate class", ...), {2} the reserved names.</summary>
        public static readonly DiagnosticDescriptor ReservedName = Error(
            "ALAN027", "Name is reserved by the generated code",
            "The name '{0}' of the {1} is used by the generated code; rename it (reserved names: {2}; names starting with '__' are reserved too)",
            "Generated result types have one property per plate, variable and input, named after it, next to their own members; the problem class holds the generated types and members.");

        /// <summary>{0} problem class, {1} what is wrong, {2} the fix.</summary>
        public static readonly DiagnosticDescriptor ProblemClassShape = Error(
            "ALAN028", "Problem class cannot be completed",
            "Problem class '{0}' {1}; {2}",
            "The generated part of a [Problem] class is a non-generic instance class deriving from torch.nn.Module.");

        /// <summary>{0} variable, {1} attribute ("Latent" or "Data").</summary>
        public static readonly DiagnosticDescriptor GenericVariable = Error(
            "ALAN029", "Latent and data methods must not be generic",
            "[{1}] method '{0}' has type parameters, which generated code cannot supply; remove them (arguments are Tensors)",
            "Generated code calls every [Latent] and [Data] method with tensor arguments only.");

        /// <summary>{0} argument, {1} variable, {2} modifier ("ref", "out", "in", "ref readonly").</summary>
        public static readonly DiagnosticDescriptor ByRefArgument = Error(
            "ALAN030", "Argument must be passed by value",
            "Argument '{0}' of '{1}' is declared '{2}'; dependencies are passed by value, remove the '{2}' modifier",
            "Generated code passes dependencies, inputs and parameters to [Latent] and [Data] methods as plain Tensor arguments.");

        /// <summary>{0} the parameter ("the [Param] of argument 'loc' of 'Mu'", "the [Param] 'S' on plate 'G'"), {1} the value.</summary>
        public static readonly DiagnosticDescriptor NonFiniteInit = Error(
            "ALAN031", "Parameter initial value must be finite",
            "{0} has the initial value {1}; give it a finite initial value",
            "Learnable and QEM parameters start at their initial value, which must be a finite number.");

        /// <summary>{0} the parameter (as for ALAN031), {1} the shape given.</summary>
        public static readonly DiagnosticDescriptor NonPositiveShape = Error(
            "ALAN032", "Parameter shape must be positive",
            "{0} has Shape {1}; every event dimension must be at least 1, give positive sizes (or omit Shape for one value per plate element)",
            "Shape is the event shape of a parameter tensor; a zero or negative size cannot be allocated.");

        /// <summary>{0} variable.</summary>
        public static readonly DiagnosticDescriptor LatentAndData = Error(
            "ALAN033", "Method is marked both [Latent] and [Data]",
            "Method '{0}' is marked both [Latent] and [Data]; a variable is either latent or observed, keep one of the attributes",
            "A [Latent] variable is proposed by Q and integrated out; a [Data] variable is observed.");

        /// <summary>{0} what ("[Plate] class", "[Latent] method", "[Data] method"), {1} name, {2} where it is, {3} the fix.</summary>
        public static readonly DiagnosticDescriptor MisplacedDeclaration = Error(
            "ALAN034", "Declaration belongs to no program",
            "{0} '{1}' {2}, so no program includes it; {3}",
            "Programs are trees of [Plate] classes: sub-plates are nested directly in plate classes, and [Latent]/[Data] methods are static methods of plate classes.");

        /// <summary>{0} problem, {1} layout rank, {2} particle groups, {3} Q program, {4} plates, {5} the limit.</summary>
        public static readonly DiagnosticDescriptor LayoutTooLarge = Error(
            "ALAN035", "Too many particle groups and plates",
            "Problem '{0}' needs {1} leading tensor dimensions (1 spare, {2} particle groups of '{3}', {4} plates), more than the {5} that CUDA kernels support; put latents of one plate into shared groups with [Latent(Group = \"g\")] in '{3}', or use fewer plates",
            "Every tensor carries one dimension per particle group and per plate after a spare dimension; tensors of rank above 25 cannot run on CUDA (DESIGN 5.3).");

        /// <summary>{0} variable.</summary>
        public static readonly DiagnosticDescriptor PrevWithoutTimeseries = Error(
            "ALAN036", "'prev' argument without [Timeseries]",
            "Argument 'prev' of '{0}' would be the variable at the previous plate element, but '{0}' is not a timeseries; mark it [Latent, Timeseries(\"Init\")] (or [Data, Timeseries(\"Init\")]) naming its initial state, or rename the argument",
            "Only a [Timeseries] variable has a 'prev' argument: the same variable at the previous element of its plate (DESIGN 4.10).");

        /// <summary>{0} variable, {1} the init it names.</summary>
        public static readonly DiagnosticDescriptor TimeseriesWithoutPrev = Error(
            "ALAN037", "[Timeseries] latent without a 'prev' argument",
            "'{0}' is marked [Timeseries(\"{1}\")] but has no argument named 'prev'; add a 'Tensor prev' argument (its value at the previous element) or remove [Timeseries]",
            "A timeseries depends on its value at the previous element through the argument named 'prev' (DESIGN 4.10).");

        /// <summary>{0} variable, {1} the init it names, {2} what is wrong and the fix.</summary>
        public static readonly DiagnosticDescriptor TimeseriesInit = Error(
            "ALAN038", "Timeseries init must be a latent of the enclosing plate",
            "The init '{1}' of timeseries '{0}' {2}",
            "At the first element of its plate a timeseries' 'prev' is its init: a latent declared in the immediately enclosing plate (an observed timeseries may also start from an [Input] of that plate) (DESIGN 4.10).");

        /// <summary>{0} variable, {1} init, {2} the variable's distribution and event rank, {3} the init's.</summary>
        public static readonly DiagnosticDescriptor TimeseriesEventShape = Error(
            "ALAN039", "Timeseries init has a different event shape",
            "Timeseries latent '{0}' is {2} but its init '{1}' is {3}; 'prev' takes both values, so give them the same event shape",
            "The init stands for the latent at the element before the first, so both must have the same event shape (DESIGN 4.10).");

        /// <summary>{0} variable, {1} why it cannot be a timeseries, {2} the fix.</summary>
        public static readonly DiagnosticDescriptor TimeseriesPlacement = Error(
            "ALAN040", "[Timeseries] in a program root",
            "'{0}' is marked [Timeseries] but {1}; {2}",
            "A timeseries is chained along a plate: it must be a [Latent] or [Data] variable of a sub-plate, whose init lives in the enclosing plate (DESIGN 4.10).");

        /// <summary>{0} variable, {1} the argument, {2} its lag.</summary>
        public static readonly DiagnosticDescriptor TimeseriesLagOnLatent = Error(
            "ALAN048", "Latent timeseries reads further back than 'prev'",
            "Timeseries latent '{0}' has an argument '{1}', its value {2} elements back, but a latent chain reads only 'prev' (the previous element); carry the earlier values in a vector-valued latent read through 'prev', or rename the argument",
            "A latent chain's factor spans its particles at one element and the previous one; only an observed ([Data]) timeseries, whose values are known, reads 'prev2', 'prev3', ... (DESIGN 4.10).");

        /// <summary>{0} variable, {1} its order p ("2 elements"), {2} the init, {3} what the init is, {4} the fix.</summary>
        public static readonly DiagnosticDescriptor ObservedTimeseriesInit = Error(
            "ALAN049", "Observed timeseries init does not hold its lags",
            "Observed timeseries '{0}' reads up to {1} back, but its init '{2}' {3}; {4}",
            "An observed timeseries of order p starts from an init holding the p values before its first element: for p = 1 the init has the variable's event shape, for p > 1 one more leading event dim of size p, oldest first (DESIGN 4.10).");

        /// <summary>{0} variable, {1} what the generator cannot handle, {2} the fix.</summary>
        public static readonly DiagnosticDescriptor TimeseriesUnsupported = Error(
            "ALAN041", "Timeseries form not supported",
            "Timeseries latent '{0}' {1}, which the generator does not support; {2}",
            "Some combinations of timeseries latents with groups, proposals and dependencies are not supported; the message says which and how to restate the model.");

        /// <summary>{0} problem, {1} the largest tensor, {2} its dims, {3} a hint (may be empty).</summary>
        /// <remarks>
        /// A warning by default, reported as a warning when it suggests a grouping that would shrink the tensor and
        /// as information otherwise; lowered or silenced per project with <c>dotnet_diagnostic.ALAN042.severity</c>
        /// (.editorconfig) or <c>&lt;NoWarn&gt;ALAN042&lt;/NoWarn&gt;</c>, per problem with <c>#pragma warning disable ALAN042</c>.
        /// </remarks>
        public static readonly DiagnosticDescriptor CostReport = Warning(
            "ALAN042", "Largest tensor of the problem",
            "Problem '{0}': its largest tensor is {1}, {2}{3}",
            "The cost of one evaluation grows with its largest tensor: K to the number of particle dims it carries, times the sizes of its plates. Latents of one plate in a shared Q group ([Latent(Group = \"g\")]) carry one particle dim between them. Reported as a warning when such a grouping would shrink the tensor, else as information.");

        /// <summary>{0} the MSBuild property, {1} its value, {2} the allowed values.</summary>
        public static readonly DiagnosticDescriptor UnknownNativeHeapPolicy = Error(
            "ALAN043", "Unknown native heap policy",
            "The MSBuild property {0} is '{1}', which is not a native heap policy; set it to one of {2}, or remove it (executables then use 'reuse', class libraries 'system')",
            "AlanNativeHeap decides whether the generator emits the module initializer that turns on the reusing native heap: 'reuse' emits it, 'system' leaves malloc, libtorch and the garbage collector as the process found them.");

        /// <summary>{0} variable, {1} what it is ("the observed [Data] variable", "the latent of the proposal 'G'"), {2} distribution, {3} fix.</summary>
        public static readonly DiagnosticDescriptor ImproperOutsidePLatent = Error(
            "ALAN044", "Improper distribution outside the model's latents",
            "'{0}' is {1}, but its distribution {2} is improper (density 1, not normalisable), which only a latent of the model P may have; {3}",
            "Flat and HalfFlat (and ordered draws of them) have no normalising constant, so they cannot be sampled or give the likelihood of data: they may only be the prior of a latent of P, whose values Q proposes.");

        /// <summary>{0} variable, {1} distribution, {2} reason, {3} fix.</summary>
        public static readonly DiagnosticDescriptor ComponentSupport = Error(
            "ALAN045", "Support of a distribution built from components cannot be derived",
            "The support of '{0}' ({1}) cannot be derived from its components: {2}; {3}",
            "A Mixture has its components' support (all must share it) and an Ordered an ordered vector of its component's (Real or Positive); the generator reads them from the static types of the components in the returned constructor call, for the P/Q support check and the check of observations.");

        /// <summary>{0} variable, {1} what is wrong with its bijector and the fix.</summary>
        public static readonly DiagnosticDescriptor TransformedBijectorUnknown = Error(
            "ALAN046", "Bijector type is not known at compile time",
            "'{0}' returns a Transformed whose bijector {1}",
            "A Transformed variable has its bijector's support (Positive for Bijector.Exp, Simplex for Bijector.StickBreaking, ...), which the generator reads from the static type of the bijector argument of the returned new Transformed(base, bijector): a factory of Alan.Bijector or a variable of a concrete bijector type, not of the base type Bijector.");

        /// <summary>{0} variable, {1} what is wrong with its base distribution and the fix.</summary>
        public static readonly DiagnosticDescriptor TransformedBaseNotReal = Error(
            "ALAN047", "Base of a Transformed must be a real-valued distribution",
            "'{0}' returns a Transformed whose base distribution {1}",
            "A bijector maps unconstrained reals onto its support, so the base of a Transformed must be an Alan distribution with support Real (Normal, StudentT, MultivariateNormal, ...) whose type is known at compile time; its type also decides whether the variable is reparameterised.");

        /// <summary>{0} the parameter (as for ALAN031), {1} the MultivariateNormal argument, {2} how it starts, {3} the fix.</summary>
        public static readonly DiagnosticDescriptor SingularMatrixInit = Warning(
            "ALAN050", "Matrix parameter starts singular",
            "{0} is MultivariateNormal's {1} but starts at {2}, a singular matrix: the first Sample fails in its Cholesky factorisation; {3}",
            "A covariance or scale-tril parameter must start positive-definite. With no initial value it starts at the identity; Init = ParamInit.Identity (optionally scaled by a positive value) or InitFrom = nameof(Member) give another start.");

        /// <summary>{0} the parameter (as for ALAN031), {1} what is wrong, {2} the fix.</summary>
        public static readonly DiagnosticDescriptor UnusableInit = Error(
            "ALAN051", "Parameter initialiser cannot be used",
            "{0} {1}; {2}",
            "InitFrom names a static field, property or parameterless method of the plate class returning Tensor or double[]; Init = ParamInit.Identity needs an event shape whose last two sizes are equal; a parameter starts from one initialiser only.");

        /// <summary>{0} the problem, {1} the latent, {2} why its shape is not known.</summary>
        public static readonly DiagnosticDescriptor AutoGuideShapeUnknown = Error(
            "ALAN052", "Automatic guide needs the latent's shape at compile time",
            "Problem '{0}' derives its guide from P, but the shape of latent '{1}' is not known at compile time: {2}. Write its distribution's sizes as constants (torch.zeros(3), new Ordered(component, 2)) or give the problem a hand-written guide: [Problem(typeof(P), typeof(Q))].",
            "An automatic guide sizes its parameters from the shape of each latent's value, read from the distribution its method returns: numbers, parents, declared inputs, torch.zeros/ones/full/eye/tensor with constant sizes, arithmetic and elementwise methods.");

        /// <summary>{0} the problem, {1} the latent, {2} its support, {3} why.</summary>
        public static readonly DiagnosticDescriptor AutoGuideUnsupported = Error(
            "ALAN053", "No automatic proposal for this latent",
            "Problem '{0}' derives its guide from P, but latent '{1}' ({2} support) has no automatic proposal: {3}. Give the problem a hand-written guide: [Problem(typeof(P), typeof(Q))].",
            "Automatic guides propose real, positive, interval (constant bounds), (0, 1), simplex, ordered, binary, categorical and count latents whose values are scalars or vectors.");

        /// <summary>{0} the problem, {1} the latent, {2} its support.</summary>
        public static readonly DiagnosticDescriptor AutoGuideNoQemFamily = Error(
            "ALAN054", "AutoGuide.Qem has no QEM family for this latent",
            "Problem '{0}' asks for AutoGuide.Qem, but latent '{1}' has {2} support, for which no distribution has a QEM update. Use AutoGuide.Default (trained by gradient) or a hand-written guide.",
            "AutoGuide.Qem proposes real latents by Normal (MultivariateNormal for vectors), positive by Gamma, (0, 1) by Beta, simplex by Dirichlet, binary by Bernoulli and counts by Poisson.");

        /// <summary>{0} the problem, {1} P, {2} the AutoGuide mode.</summary>
        public static readonly DiagnosticDescriptor DerivedGuide = new DiagnosticDescriptor(
            "ALAN055", "Problem uses a guide derived from its model",
            "Problem '{0}' uses the guide derived from '{1}' by AutoGuide.{2} (the nested class {0}.Guide); the code fix writes it into this file as a hand-written guide to edit",
            Category, DiagnosticSeverity.Info, isEnabledByDefault: true,
            description: "The derived guide is generated code; to change it, write it out with the code fix and edit it as a hand-written Q.",
            helpLinkUri: RepositoryInfo.DiagnosticsHelpLink);

        /// <summary>{0} the number as written, {1} the member (Analyzers/ImplicitScalarAnalyzer).</summary>
        public static readonly DiagnosticDescriptor ImplicitScalarNumber = Info(
            "ALAN056", "Number converted to a temporary TorchSharp Scalar",
            "'{0}' in '{1}' becomes a temporary TorchSharp Scalar that its finalizer may free while libtorch still reads it; use Scalars.Of for a constant, a tensor for a run-time value",
            "TorchSharp 0.107 converts a number combined with a tensor ('0.5 * b', 'x - 1', 'clamp(min: 0)') to a Scalar it does not keep alive across the native call and frees in a " +
            "finalizer, which a garbage collection on another thread can run during the call. The code fix makes a constant 'Scalars.Of(constant)' (created once, never " +
            "finalized) and a run-time value combined by an operator 'torch.tensor(value)'. See docs/threads-and-randomness.md.");

        /// <summary>{0} the call as written, {1} the member, {2} why (Analyzers/ImplicitScalarAnalyzer).</summary>
        public static readonly DiagnosticDescriptor ImplicitScalarInTorchSharp = Info(
            "ALAN057", "TorchSharp call creates a temporary Scalar",
            "'{0}' in '{1}': {2}, a temporary TorchSharp Scalar that its finalizer may free while libtorch still reads it; call the overload that takes the Scalar, with Scalars.Of",
            "Some TorchSharp 0.107 members create a temporary Scalar themselves: '+' of a tensor and 'add' without alpha (an alpha of 1), a number minus a tensor, 'addcdiv' " +
            "without value, 'square()' (pow(2)). The code fix calls the overload with a cached Scalar: 'a.add(b, Scalars.Of(1))', '-(t - c)', 'pow(Scalars.Of(2))'. " +
            "See docs/threads-and-randomness.md.");

        public static readonly DiagnosticDescriptor InternalError = new DiagnosticDescriptor(
            "ALAN999", "Alan generator internal error",
            "The Alan generator failed on '{0}': {1}. Please report this; no code was generated for it.",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: RepositoryInfo.DiagnosticsHelpLink);

        public static DiagnosticDescriptor? Find(string id)
        {
            foreach (var d in All) if (d.Id == id) return d;
            return null;
        }

        public static readonly DiagnosticDescriptor[] All =
        {
            NonPartialPlate, VariableNotStatic, NotADistribution, UnknownName, OutOfScope, Cycle, PDependsOnData,
            PlateTreeMismatch, LatentMissingFromQ, QVariableNotInP, DataInQ, SupportMismatch, DuplicateName,
            NotAProgramRoot, QemMixed, GroupSpansPlates, NonPartialProblem, ArgumentNotTensor, InaccessiblePlate,
            NestedProblem, LatentPlateMismatch, InvalidName, QemUnsupported, QemArguments, NonPartialContainer,
            GenericPlate, ReservedName, ProblemClassShape, GenericVariable, ByRefArgument, NonFiniteInit, NonPositiveShape,
            LatentAndData, MisplacedDeclaration, LayoutTooLarge, PrevWithoutTimeseries, TimeseriesWithoutPrev, TimeseriesInit,
            TimeseriesEventShape, TimeseriesPlacement, TimeseriesUnsupported, CostReport, UnknownNativeHeapPolicy, ImproperOutsidePLatent,
            ComponentSupport, TransformedBijectorUnknown, TransformedBaseNotReal, TimeseriesLagOnLatent, ObservedTimeseriesInit,
            SingularMatrixInit, UnusableInit, AutoGuideShapeUnknown, AutoGuideUnsupported, AutoGuideNoQemFamily, DerivedGuide, ImplicitScalarNumber, ImplicitScalarInTorchSharp, InternalError,
        };
    }
}
