"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 07:23:56.857132
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('athletes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('units', sa.String(length=2), nullable=False),
    sa.Column('week_start', sa.Integer(), nullable=False),
    sa.Column('block_start', sa.Date(), nullable=False),
    sa.Column('goal_race_date', sa.Date(), nullable=True),
    sa.Column('philosophy', sa.String(length=16), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('strength_days', sa.Integer(), nullable=False),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('avoid', sa.JSON(), nullable=False),
    sa.Column('plyometrics_ok', sa.Boolean(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.CheckConstraint("philosophy IN ('easy_days', 'hard_days')", name=op.f('ck_athletes_philosophy')),
    sa.CheckConstraint("units IN ('kg', 'lb')", name=op.f('ck_athletes_units')),
    sa.CheckConstraint('length(name) >= 1 AND length(name) <= 120', name=op.f('ck_athletes_name_len')),
    sa.CheckConstraint('strength_days >= 1 AND strength_days <= 3', name=op.f('ck_athletes_strength_days')),
    sa.CheckConstraint('week_start >= 0 AND week_start <= 6', name=op.f('ck_athletes_week_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_athletes'))
    )
    op.create_table('exercises',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('grp', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('muscles', sa.JSON(), nullable=False),
    sa.Column('equipment', sa.JSON(), nullable=False),
    sa.Column('focus', sa.JSON(), nullable=False),
    sa.Column('level', sa.String(length=16), nullable=False),
    sa.Column('dose_kind', sa.String(length=8), nullable=False),
    sa.Column('sets', sa.Integer(), nullable=False),
    sa.Column('rep_min', sa.Integer(), nullable=False),
    sa.Column('rep_max', sa.Integer(), nullable=False),
    sa.Column('per_side', sa.Boolean(), nullable=False),
    sa.Column('tempo', sa.String(length=20), nullable=False),
    sa.Column('rest_seconds', sa.Integer(), nullable=False),
    sa.Column('steps', sa.JSON(), nullable=False),
    sa.Column('cues', sa.JSON(), nullable=False),
    sa.Column('stop_if', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('video_url', sa.String(length=500), nullable=True),
    sa.Column('image_path', sa.String(length=1000), nullable=True),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('hidden', sa.Boolean(), nullable=False),
    sa.CheckConstraint('length(name) >= 1 AND length(name) <= 120', name=op.f('ck_exercises_name_len')),
    sa.CheckConstraint('rep_min >= 1 AND rep_max <= 3600 AND rep_min <= rep_max', name=op.f('ck_exercises_amount')),
    sa.CheckConstraint('rest_seconds >= 0 AND rest_seconds <= 900', name=op.f('ck_exercises_rest')),
    sa.CheckConstraint('sets >= 1 AND sets <= 20', name=op.f('ck_exercises_sets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercises')),
    sa.UniqueConstraint('key', name=op.f('uq_exercises_key'))
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_settings'))
    )
    op.create_table('templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('builtin', sa.Boolean(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('session', 'week')", name=op.f('ck_templates_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_templates')),
    sa.UniqueConstraint('key', name=op.f('uq_templates_key'))
    )
    op.create_table('training_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('athlete_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('distance_km', sa.Float(), nullable=True),
    sa.Column('intensity', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('skipped', sa.Boolean(), nullable=False),
    sa.Column('pain_persisting', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('edited', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('easy','moderate','long','quality','race','walk','cross','rest','strength')", name=op.f('ck_training_sessions_kind')),
    sa.CheckConstraint("source IN ('user', 'template', 'generator')", name=op.f('ck_training_sessions_source')),
    sa.CheckConstraint('NOT (done AND skipped)', name=op.f('ck_training_sessions_status')),
    sa.CheckConstraint('distance_km IS NULL OR (distance_km >= 0.0 AND distance_km <= 500.0)', name=op.f('ck_training_sessions_distance')),
    sa.CheckConstraint('intensity IS NULL OR (intensity >= 1 AND intensity <= 10)', name=op.f('ck_training_sessions_intensity')),
    sa.CheckConstraint('minutes IS NULL OR (minutes >= 0 AND minutes <= 1440)', name=op.f('ck_training_sessions_minutes')),
    sa.CheckConstraint('position >= 0 AND position <= 99', name=op.f('ck_training_sessions_position')),
    sa.ForeignKeyConstraint(['athlete_id'], ['athletes.id'], name=op.f('fk_training_sessions_athlete_id_athletes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_sessions')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.create_index('ix_training_sessions_athlete_date', ['athlete_id', 'day'], unique=False)

    op.create_table('planned_exercises',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('exercise_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('sets', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('load_kg', sa.Float(), nullable=False),
    sa.Column('tempo', sa.String(length=20), nullable=False),
    sa.Column('rest_seconds', sa.Integer(), nullable=False),
    sa.Column('per_side', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.CheckConstraint('amount >= 1 AND amount <= 3600', name=op.f('ck_planned_exercises_amount')),
    sa.CheckConstraint('load_kg >= 0.0 AND load_kg <= 500.0', name=op.f('ck_planned_exercises_load')),
    sa.CheckConstraint('rest_seconds >= 0 AND rest_seconds <= 900', name=op.f('ck_planned_exercises_rest')),
    sa.CheckConstraint('sets >= 1 AND sets <= 20', name=op.f('ck_planned_exercises_sets')),
    sa.ForeignKeyConstraint(['exercise_id'], ['exercises.id'], name=op.f('fk_planned_exercises_exercise_id_exercises'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['training_sessions.id'], name=op.f('fk_planned_exercises_session_id_training_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planned_exercises')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('planned_exercises', schema=None) as batch_op:
        batch_op.create_index('ix_planned_exercises_exercise', ['exercise_id'], unique=False)
        batch_op.create_index('ix_planned_exercises_session', ['session_id', 'position'], unique=False)

    op.create_table('set_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('planned_exercise_id', sa.Integer(), nullable=False),
    sa.Column('set_number', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('load_kg', sa.Float(), nullable=False),
    sa.Column('rpe', sa.Integer(), nullable=True),
    sa.Column('pain', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('logged_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('amount >= 0 AND amount <= 3600', name=op.f('ck_set_logs_amount')),
    sa.CheckConstraint('load_kg >= 0.0 AND load_kg <= 500.0', name=op.f('ck_set_logs_load')),
    sa.CheckConstraint('pain IS NULL OR (pain >= 0 AND pain <= 10)', name=op.f('ck_set_logs_pain')),
    sa.CheckConstraint('rpe IS NULL OR (rpe >= 1 AND rpe <= 10)', name=op.f('ck_set_logs_rpe')),
    sa.CheckConstraint('set_number >= 1 AND set_number <= 20', name=op.f('ck_set_logs_set_number')),
    sa.ForeignKeyConstraint(['planned_exercise_id'], ['planned_exercises.id'], name=op.f('fk_set_logs_planned_exercise_id_planned_exercises'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_set_logs')),
    sa.UniqueConstraint('planned_exercise_id', 'set_number', name=op.f('uq_set_logs_planned_exercise_id')),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('set_logs')
    with op.batch_alter_table('planned_exercises', schema=None) as batch_op:
        batch_op.drop_index('ix_planned_exercises_session')
        batch_op.drop_index('ix_planned_exercises_exercise')

    op.drop_table('planned_exercises')
    with op.batch_alter_table('training_sessions', schema=None) as batch_op:
        batch_op.drop_index('ix_training_sessions_athlete_date')

    op.drop_table('training_sessions')
    op.drop_table('templates')
    op.drop_table('settings')
    op.drop_table('exercises')
    op.drop_table('athletes')
