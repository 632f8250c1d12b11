"""Training losses of the NLI cross-encoder: cross-entropy on the gold label, and the distillation
loss that blends it with a teacher's soft labels (verify.train.distill).

Every function takes logits in LABELS order (entailment, neutral, contradiction).
"""

from __future__ import annotations

from typing import Any

# A teacher probability of exactly 0 (float32 underflow) would make log(0) = -inf.
_TINY = 1e-12


def nli_loss(logits: Any, targets: Any, two_way: Any) -> Any:
    """Cross-entropy; a 2-way not_entailment target counts p(neutral) + p(contradiction)."""
    import torch

    logp = torch.log_softmax(logits, dim=-1)
    three_way = -logp.gather(1, targets.clamp(min=0).unsqueeze(1)).squeeze(1)
    not_entail = -torch.logsumexp(logp[:, 1:], dim=-1)
    return torch.where(two_way, not_entail, three_way).mean()


def kd_loss(logits: Any, teacher_probs: Any, temperature: float) -> Any:
    """T² · KL(teacher_T ‖ student_T), averaged over the batch. Both distributions are softened by
    the temperature: the teacher's as softmax(log p / T), which is softmax(teacher logits / T), so
    cached probabilities serve any T. The T² keeps the gradient's scale independent of T (Hinton et
    al.), so α means the same share of the update at every temperature."""
    import torch

    teacher_t = torch.softmax(torch.log(teacher_probs.clamp(min=_TINY)) / temperature, dim=-1)
    student_logp = torch.log_softmax(logits / temperature, dim=-1)
    kl = (teacher_t * (torch.log(teacher_t.clamp(min=_TINY)) - student_logp)).sum(dim=-1)
    return temperature**2 * kl.mean()


def distillation_loss(
    logits: Any, teacher_probs: Any, targets: Any, two_way: Any, alpha: float, temperature: float
) -> Any:
    """α · T² · KL(teacher_T ‖ student_T) + (1 − α) · cross-entropy on the gold label."""
    if not 0.0 <= alpha <= 1.0 or temperature <= 0:
        raise ValueError(f"distillation needs 0 <= alpha <= 1 and temperature > 0, not {alpha}, {temperature}")
    soft = kd_loss(logits, teacher_probs, temperature)
    if alpha == 1.0:  # pure distillation: the gold labels are not read
        return soft
    return alpha * soft + (1.0 - alpha) * nli_loss(logits, targets, two_way)
