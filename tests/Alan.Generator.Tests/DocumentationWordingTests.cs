using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// The README, the documents under docs/ and the comments of src/ are written for users: they do not refer to the
    /// project's internal work items ("issue 12", "work item"), to landings or sessions, or speak in the first person
    /// ("I", "I'm", "my"). The scan covers README.md, docs/*.md, src/**/*.cs and bench/**/*.cs (bin and obj left out);
    /// it reads Markdown prose (fenced code blocks and inline code left out) and, in C# files, the text after "//" on a line and inside block comments (which includes the comments that generated code
    /// carries in its string templates). The first-person rule matches "I" only where it starts a clause ("I ran",
    /// "I'm"), so mathematics ("(I - A)", "= I", "cov + 1e-6 * I"), "I/O" and "type-I" do not trip it.
    /// </summary>
    [TestFixture]
    public class DocumentationWordingTests
    {
        private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Approval.SourceDirectory(), "..", ".."));

        private static readonly (string What, Regex Pattern)[] Rules =
        {
            ("a work item", new Regex(@"\bissues?\s*#\s*\d*|\bissues?\s+\d+|\b(the|this|that|the previous|the next|an earlier|a later) issue\b|\bwork[- ]items?\b", RegexOptions.IgnoreCase)),
            ("a landing", new Regex(@"\blandings?\b|\blanded\b", RegexOptions.IgnoreCase)),
            ("a session", new Regex(@"\b(this|that|the|a|previous|next|earlier|later|second|first|third) session\b|\bsessions\b", RegexOptions.IgnoreCase)),
            // "I" starting a clause: followed by an apostrophe form or by a lower-case word that is not a
            // connective of mathematics ("I is the identity", "I and A", "I in R^n", "I of size n").
            ("first person", new Regex(
                @"(?<![=+\-*/(^]\s*)(?<![\w.\-])I(?:'(?:m|ve|d|ll)\b|\s+(?!(?:is|and|or|to|in|of|for|with|as|at|on|by|has|are|be)\b)[a-z]+\b)")),
            ("first person", new Regex(@"\b(?:my|myself)\b|\bMy\s+[a-z]")),
        };

        /// <summary>The rules' findings in one line of prose: (what, matched text) per hit.</summary>
        public static IEnumerable<(string What, string Text)> Findings(string prose) =>
            Rules.SelectMany(r => r.Pattern.Matches(prose).Select(m => (r.What, m.Value)));

        [TestCase("as issue 12 asked")]
        [TestCase("see issue #4")]
        [TestCase("issue 10's goals")]
        [TestCase("this issue wants it")]
        [TestCase("0 where the issue gives none")]
        [TestCase("a work item left open")]
        [TestCase("the previous landing's figures")]
        [TestCase("this landing ran it")]
        [TestCase("measured in this session")]
        [TestCase("the previous session's run")]
        [TestCase("nothing else running but my editor")]
        [TestCase("My editor was open")]
        [TestCase("I measured it twice")]
        [TestCase("I'm not sure")]
        [TestCase("so I ran it again")]
        public void Rules_FindWorkItemWordsAndFirstPerson(string prose) =>
            Assert.That(Findings(prose), Is.Not.Empty, prose);

        [TestCase("an I/O error")]
        [TestCase("the identity matrix I")]
        [TestCase("mu = (I - A)^-1 b")]
        [TestCase("add a small jitter to the diagonal (cov + 1e-6 * I)")]
        [TestCase("precision × covariance = I")]
        [TestCase("C = I + W D W")]
        [TestCase("the identity I is the start")]
        [TestCase("Gumbel (type-I extreme value)")]
        [TestCase("the generator may issue a warning; a known issue of TorchSharp")]
        [TestCase("the chain's inits, I and J")]
        [TestCase("QEM lands on the moments; a dispose scope per call")]
        [TestCase("MyModel and Mine(x) are names")]
        public void Rules_LeaveOrdinaryTextAlone(string prose) =>
            Assert.That(Findings(prose), Is.Empty, prose);

        [Test]
        public void ReadmeDocsAndSourceComments_HaveNoWorkItemWordsOrFirstPerson()
        {
            var offenders = new List<string>();
            foreach (var file in Files())
            {
                var relative = Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/');
                var lines = File.ReadAllLines(file);
                var prose = file.EndsWith(".md", StringComparison.Ordinal) ? MarkdownProse(lines) : CommentText(lines);
                for (int i = 0; i < prose.Length; i++)
                    foreach (var (what, text) in Findings(prose[i]))
                        offenders.Add($"{relative}:{i + 1}: {what}: \"{text}\"");
            }
            Assert.That(offenders, Is.Empty, "Text for users that refers to work items or speaks in the first person:\n" + string.Join("\n", offenders));
        }

        [Test]
        public void Scan_CoversTheReadmeTheDocsAndTheSourcesOfSrcAndBench()
        {
            var files = Files().Select(f => Path.GetRelativePath(RepositoryRoot, f).Replace('\\', '/')).ToList();
            Assert.That(files, Does.Contain("README.md"));
            Assert.That(files, Does.Contain("docs/architecture.md"));
            Assert.That(files, Does.Contain("src/Alan.Generator/RepositoryInfo.cs"));
            Assert.That(files, Does.Contain("bench/Alan.Bench/Reference.cs"));
            Assert.That(files.Where(f => f.Contains("/bin/") || f.Contains("/obj/")), Is.Empty);
        }

        /// <summary>README.md, docs/*.md, src/**/*.cs and bench/**/*.cs (bin and obj left out).</summary>
        private static IEnumerable<string> Files()
        {
            yield return Path.Combine(RepositoryRoot, "README.md");
            foreach (var doc in Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").OrderBy(f => f, StringComparer.Ordinal))
                yield return doc;
            foreach (var folder in new[] { "src", "bench" })
            {
                var root = Path.Combine(RepositoryRoot, folder);
                foreach (var cs in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    var parts = Path.GetRelativePath(root, cs).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                    if (!parts.Contains("bin") && !parts.Contains("obj")) yield return cs;
                }
            }
        }

        /// <summary>Each line's prose: empty inside fenced code blocks, inline code spans removed.</summary>
        private static string[] MarkdownProse(string[] lines)
        {
            var prose = new string[lines.Length];
            bool inFence = false;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inFence = !inFence;
                    prose[i] = "";
                    continue;
                }
                prose[i] = inFence ? "" : Regex.Replace(lines[i], "`[^`]*`", " ");
            }
            return prose;
        }

        /// <summary>Each line's comment text: after the first "//", or inside a /* */ block.</summary>
        private static string[] CommentText(string[] lines)
        {
            var text = new string[lines.Length];
            bool inBlock = false;
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (inBlock)
                {
                    var end = line.IndexOf("*/", StringComparison.Ordinal);
                    inBlock = end < 0;
                    text[i] = end < 0 ? line : line.Substring(0, end);
                    continue;
                }
                var lineComment = line.IndexOf("//", StringComparison.Ordinal);
                var blockStart = line.IndexOf("/*", StringComparison.Ordinal);
                if (blockStart >= 0 && (lineComment < 0 || blockStart < lineComment))
                {
                    var end = line.IndexOf("*/", blockStart + 2, StringComparison.Ordinal);
                    inBlock = end < 0;
                    text[i] = end < 0 ? line.Substring(blockStart + 2) : line.Substring(blockStart + 2, end - blockStart - 2);
                    continue;
                }
                text[i] = lineComment >= 0 ? line.Substring(lineComment + 2) : "";
            }
            return text;
        }
    }
}
